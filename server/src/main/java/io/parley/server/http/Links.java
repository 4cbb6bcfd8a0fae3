package io.parley.server.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Every URL shape Parley serves, in one place. Hrefs under an application are path-absolute
 * ({@code /ucwa/oauth/v1/...}); only discovery links are absolute (see {@link BaseUrl}). The shapes follow
 * Microsoft's captured traffic, including the suffixes clients hard-code ({@code /messaging/messages},
 * {@code /messaging/terminate}).
 */
public final class Links {
    public static final String UCWA = "/ucwa/oauth/v1";
    public static final String APPLICATIONS = UCWA + "/applications";
    public static final String ROOT = "/Autodiscover/AutodiscoverService.svc/root";
    public static final String USER = ROOT + "/oauth/user";
    public static final String XFRAME = "/Autodiscover/XFrame/XFrame.html";
    public static final String TOKEN = "/WebTicket/oauthtoken";

    private Links() {}

    public static String application(String app) { return APPLICATIONS + "/" + app; }
    public static String events(String app, long ack) { return application(app) + "/events?ack=" + ack; }
    public static String batch(String app) { return application(app) + "/batch"; }
    public static String policies(String app) { return application(app) + "/policies"; }
    public static String reportMyActivityOfApplication(String app) { return application(app) + "/reportMyActivity"; }

    public static String me(String app) { return application(app) + "/me"; }
    public static String makeMeAvailable(String app) { return me(app) + "/makeMeAvailable"; }
    public static String presence(String app) { return me(app) + "/presence"; }
    public static String note(String app) { return me(app) + "/note"; }
    public static String location(String app) { return me(app) + "/location"; }
    public static String reportMyActivity(String app) { return me(app) + "/reportMyActivity"; }
    public static String callForwardingSettings(String app) { return me(app) + "/callForwardingSettings"; }
    public static String phones(String app) { return me(app) + "/phones"; }
    public static String photo(String app, String address) { return application(app) + "/photos/" + address; }

    public static String people(String app) { return application(app) + "/people"; }
    public static String search(String app) { return people(app) + "/search"; }
    public static String peopleCollection(String app, String name) { return people(app) + "/" + name; }
    public static String contact(String app, String address) { return people(app) + "/" + address; }
    public static String contactPresence(String app, String address) { return contact(app, address) + "/presence"; }
    public static String contactNote(String app, String address) { return contact(app, address) + "/note"; }
    public static String contactLocation(String app, String address) { return contact(app, address) + "/location"; }
    public static String contactSupportedModalities(String app, String address) {
        return contact(app, address) + "/supportedMedia";
    }

    public static String onlineMeetings(String app) { return application(app) + "/onlineMeetings"; }

    public static String communication(String app) { return application(app) + "/communication"; }
    public static String conversations(String app) { return communication(app) + "/conversations"; }
    public static String activeConversations(String app) { return conversations(app) + "?filter=active"; }
    public static String startMessaging(String app) { return communication(app) + "/messagingInvitations"; }
    public static String invitation(String app, String id) { return startMessaging(app) + "/" + id; }
    public static String accept(String app, String id) { return invitation(app, id) + "/accept"; }
    public static String decline(String app, String id) { return invitation(app, id) + "/decline"; }

    public static String conversation(String app, String conv) { return conversations(app) + "/" + conv; }
    public static String participants(String app, String conv) { return conversation(app, conv) + "/participants"; }
    public static String participant(String app, String conv, String address) {
        return participants(app, conv) + "/" + address;
    }
    public static String participantMessaging(String app, String conv, String address) {
        return participant(app, conv, address) + "/messaging";
    }
    public static String addParticipant(String app, String conv) {
        return communication(app) + "/participantInvitations?conversation=" + URLEncoder.encode(conv, StandardCharsets.UTF_8);
    }
    public static String modality(String app, String conv, String name) { return conversation(app, conv) + "/" + name; }
    public static String messaging(String app, String conv) { return conversation(app, conv) + "/messaging"; }
    public static String messages(String app, String conv) { return messaging(app, conv) + "/messages"; }
    public static String message(String app, String conv, int n) { return messages(app, conv) + "/" + n; }
    public static String stopMessaging(String app, String conv) { return messaging(app, conv) + "/terminate"; }
    public static String setIsTyping(String app, String conv) { return messaging(app, conv) + "/typing"; }
    public static String typingParticipants(String app, String conv) { return messaging(app, conv) + "/typingParticipants"; }
    public static String addMessaging(String app, String conv) { return messaging(app, conv) + "/addMessaging"; }
}
