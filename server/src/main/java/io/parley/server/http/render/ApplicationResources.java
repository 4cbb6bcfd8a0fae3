package io.parley.server.http.render;

import io.parley.protocol.HalResource;
import io.parley.protocol.Link;
import io.parley.protocol.UcwaDate;
import io.parley.server.core.application.Application;
import io.parley.server.core.application.Applications;
import io.parley.server.core.auth.Address;
import io.parley.server.core.auth.Directory;
import io.parley.server.core.auth.User;
import io.parley.server.core.presence.Availability;
import io.parley.server.core.presence.UserPresence;
import io.parley.server.http.Links;
import java.time.Clock;
import java.util.List;

/**
 * The application and what hangs off it: me, presence, note, location, people, contacts, communication.
 * COMPAT: the application body always carries the links real clients read without checking
 * (tolerances, "POST applications"; protocol sheet §2.1, Openfire client).
 */
public final class ApplicationResources {
    /** The PUT guard property UCWA puts in communication (protocol sheet §0). */
    private static final String PUT_GUARD = "4d221db7-4af0-476b-9443-8bc874283085";
    private final Directory directory;
    private final java.util.function.Function<String, Applications> applicationsOf;
    private final Clock clock;

    /**
     * @param applicationsOf the applications of a user's routing group; the renderings that read a user's presence
     *                       must run under that group's lock
     */
    public ApplicationResources(Directory directory, java.util.function.Function<String, Applications> applicationsOf,
                                Clock clock) {
        this.directory = directory;
        this.applicationsOf = applicationsOf;
        this.clock = clock;
    }

    public HalResource application(Application app, long firstUnacknowledged) {
        String id = app.id();
        return HalResource.of("application")
                .property("culture", app.culture())
                .property("userAgent", app.userAgent())
                .property("endpointId", app.endpointId())
                .property("id", id)
                .property("type", "Browser")
                .link("self", Links.application(id))
                .link("policies", Links.policies(id))
                .link("batch", Links.batch(id))
                .link("events", Links.events(id, firstUnacknowledged))
                .embed("me", me(app))
                .embed("people", people(app))
                .embed("onlineMeetings", HalResource.of("onlineMeetings").link("self", Links.onlineMeetings(id)))
                .embed("communication", communication(app));
    }

    public HalResource me(Application app) {
        String id = app.id();
        String address = app.userAddress();
        HalResource me = HalResource.of("me")
                .property("name", directory.displayName(address))
                .property("uri", Address.sipUri(address))
                .property("emailAddresses", List.of(address))
                .link("self", Links.me(id));
        if (app.isAvailable()) {
            me.link("presence", Links.presence(id))
                    .link("note", Links.note(id))
                    .link("location", Links.location(id))
                    .link("reportMyActivity", Links.reportMyActivity(id));
        } else {
            me.link("makeMeAvailable", Links.makeMeAvailable(id));
        }
        return me.link("callForwardingSettings", Links.callForwardingSettings(id))
                .link("phones", Links.phones(id))
                .link("photo", Links.photo(id, address));
    }

    public HalResource people(Application app) {
        String id = app.id();
        return HalResource.of("people")
                .link("self", Links.people(id))
                .link("presenceSubscriptions", Links.peopleCollection(id, "presenceSubscriptions"))
                .link("subscribedContacts", Links.peopleCollection(id, "subscribedContacts"))
                .link("presenceSubscriptionMemberships", Links.peopleCollection(id, "presenceSubscriptionMemberships"))
                .link("myGroups", Links.peopleCollection(id, "groups"))
                .link("myGroupMemberships", Links.peopleCollection(id, "groupMemberships"))
                .link("myContacts", Links.peopleCollection(id, "contacts"))
                .link("myPrivacyRelationships", Links.peopleCollection(id, "privacyRelationships"))
                .link("myContactsAndGroupsSubscription", Links.peopleCollection(id, "contactsAndGroupsSubscription"))
                .link("search", Links.search(id));
    }

    public HalResource communication(Application app) {
        String id = app.id();
        return HalResource.of("communication")
                .property(PUT_GUARD, "please pass this in a PUT request")
                .property("supportedModalities", app.isAvailable() ? app.modalities() : List.of())
                .property("supportedMessageFormats", app.messageFormats())
                .link("self", Links.communication(id))
                .link("conversations", Links.activeConversations(id))
                .link("startMessaging", Links.startMessaging(id))
                .property("etag", Integer.toUnsignedString((app.isAvailable() ? 1 : 0) + app.messageFormats().hashCode()));
    }

    public HalResource presence(Application app) {
        String chosen = applicationsOf.apply(app.userAddress()).chosenAvailabilityOf(app.userAddress(), clock.instant());
        return HalResource.of("presence")
                .property("availability", Availability.reported(chosen))
                .property("activity", Availability.activity(chosen))
                .link("self", Links.presence(app.id()));
    }

    public HalResource note(Application app) {
        UserPresence p = applicationsOf.apply(app.userAddress()).presenceOf(app.userAddress());
        return HalResource.of("note")
                .property("message", p.note())
                .property("type", "Personal")
                .link("self", Links.note(app.id()));
    }

    public HalResource location(Application app) {
        return HalResource.of("location")
                .property("location", applicationsOf.apply(app.userAddress()).presenceOf(app.userAddress()).location())
                .link("self", Links.location(app.id()));
    }

    public HalResource contact(String appId, User user) {
        String a = user.address();
        return HalResource.of("contact")
                .property("uri", user.sipUri())
                .property("name", user.displayName().isBlank() ? a : user.displayName())
                .property("emailAddresses", List.of(a))
                .property("type", "User")
                .property("sourceNetwork", "SameEnterprise")
                .link("self", Links.contact(appId, a))
                .link("contactPresence", Links.contactPresence(appId, a))
                .link("contactNote", Links.contactNote(appId, a))
                .link("contactLocation", Links.contactLocation(appId, a))
                .link("contactSupportedModalities", Links.contactSupportedModalities(appId, a))
                .link("contactPhoto", Links.photo(appId, a));
    }

    public HalResource contactPresence(String appId, String address) {
        String chosen = applicationsOf.apply(address).chosenAvailabilityOf(address, clock.instant());
        HalResource presence = HalResource.of("contactPresence")
                .property("availability", Availability.reported(chosen))
                .property("activity", Availability.activity(chosen));
        applicationsOf.apply(address).ofUser(address).stream().filter(Application::isAvailable)
                .map(Application::lastActivityAt).max(java.util.Comparator.naturalOrder())
                .ifPresent(last -> presence.property("deviceType", "PC").property("lastActive", UcwaDate.format(last)));
        return presence.link("self", Links.contactPresence(appId, address));
    }

    public HalResource contactNote(String appId, String address) {
        return HalResource.of("contactNote")
                .property("message", applicationsOf.apply(address).presenceOf(address).note())
                .property("type", "Personal")
                .link("self", Links.contactNote(appId, address));
    }

    public HalResource contactLocation(String appId, String address) {
        return HalResource.of("contactLocation")
                .property("location", applicationsOf.apply(address).presenceOf(address).location())
                .link("self", Links.contactLocation(appId, address));
    }

    public HalResource contactSupportedModalities(String appId, String address) {
        boolean messaging = applicationsOf.apply(address).ofUser(address).stream().anyMatch(Application::acceptsMessaging);
        return HalResource.of("contactSupportedModalities")
                .property("modalities", messaging ? List.of("Messaging") : List.of())
                .link("self", Links.contactSupportedModalities(appId, address));
    }

    /** COMPAT: {@code _embedded.contact} is an array even with one hit (tolerances, "Search results"). */
    public HalResource search(String appId, String query, List<User> hits) {
        return HalResource.of("search")
                .link("self", Links.search(appId) + "?query=" + java.net.URLEncoder.encode(query,
                        java.nio.charset.StandardCharsets.UTF_8))
                .embedAll("contact", hits.stream().map(u -> contact(appId, u)).toList());
    }

    /** An empty but valid collection (contacts, groups, subscriptions: filled in a later issue). */
    public HalResource emptyCollection(String rel, String self, String itemRel) {
        return HalResource.of(rel).link("self", self).links(itemRel, List.<Link>of());
    }
}
