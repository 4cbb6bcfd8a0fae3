package io.parley.server.core.presence;

import io.parley.server.core.UcwaException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** UCWA availability values: the six a user may set, and the display activity for each reported one. */
public final class Availability {
    private static final Map<String, String> SETTABLE = Map.of(
            "online", "Online", "busy", "Busy", "donotdisturb", "DoNotDisturb",
            "berightback", "BeRightBack", "away", "Away", "offwork", "Offwork");

    private Availability() {}

    /** The canonical spelling of a settable value, or a 400 naming the allowed ones. */
    public static String settable(String value) {
        return Optional.ofNullable(SETTABLE.get(value.trim().toLowerCase(Locale.ROOT)))
                .orElseThrow(() -> UcwaException.badRequest("ParameterValidationFailure",
                        "availability must be one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork."));
    }

    /** What others see for a chosen value: Offwork is reported as Away (it is not a reported value). */
    public static String reported(String chosen) {
        return "Offwork".equals(chosen) ? "Away" : chosen;
    }

    public static String activity(String chosen) {
        return switch (chosen) {
            case "Online" -> "Available";
            case "Busy" -> "Busy";
            case "DoNotDisturb" -> "Do not disturb";
            case "BeRightBack" -> "Be right back";
            case "Offwork" -> "Off Work";
            case "Away" -> "Away";
            default -> "Offline";
        };
    }
}
