package io.parley.server.http;

import io.javalin.config.JavalinConfig;
import io.parley.server.http.application.ApplicationsResource;
import io.parley.server.http.auth.OAuthToken;
import io.parley.server.http.communication.CommunicationResource;
import io.parley.server.http.conversation.ConversationResource;
import io.parley.server.http.discovery.Discovery;
import io.parley.server.http.events.PollEvents;
import io.parley.server.http.health.Health;
import io.parley.server.http.me.MeResource;
import io.parley.server.http.messaging.MessagingResource;
import io.parley.server.http.people.PeopleResource;

/**
 * Everything Parley serves, on one screen, in protocol-sheet order. Paths match case-insensitively and
 * with repeated slashes collapsed (COMPAT: tolerances, "Requests"); every {@code /ucwa/} route is behind
 * the bearer-token filter, and the application in the path must be the caller's.
 */
public final class Routes {
    private static final String APP = Links.APPLICATIONS + "/{app}";
    private static final String COMM = APP + "/communication";
    private static final String CONV = COMM + "/conversations/{conversation}";
    private static final String MSG = CONV + "/messaging";
    private static final String PEOPLE = APP + "/people";

    private Routes() {}

    public static void register(JavalinConfig config, Services s) {
        var discovery = new Discovery(s);
        var token = new OAuthToken(s);
        var applications = new ApplicationsResource(s);
        var me = new MeResource(s);
        var people = new PeopleResource(s);
        var communication = new CommunicationResource(s);
        var conversation = new ConversationResource(s);
        var messaging = new MessagingResource(s, conversation, communication);
        var events = new PollEvents(s);
        var r = config.routes;

        // Javalin tries the routes of a method in the order they were added, each a case-insensitive regex.
        // The event channel and sendMessage are most of the traffic (three requests per IM), so they come first.
        r.get(APP + "/events", events::poll);
        r.post(MSG + "/messages", messaging::sendMessage);

        // §1 discovery and sign-in
        r.get("/", discovery::root);
        r.get(Links.ROOT, discovery::root);
        r.get(Links.USER, discovery::user);
        r.head(Links.USER, discovery::user);
        r.get(Links.ROOT + "/user", discovery::user);
        r.head(Links.ROOT + "/user", discovery::user);
        r.get(Links.XFRAME, discovery::xframe);
        r.post(Links.TOKEN, token::post);
        r.before(Links.UCWA + "/*", new Authentication(s));
        // /metrics is not here: it is served on the admin listener only (http/admin/AdminListener).

        // §2 applications
        r.post(Links.APPLICATIONS, applications::create);
        r.get(APP, applications::get);
        r.delete(APP, applications::delete);
        r.get(APP + "/policies", applications::policies);
        // GET APP + "/events" (§5): first, above
        r.post(APP + "/reportMyActivity", me::reportMyActivity);

        // §3 me
        r.get(APP + "/me", me::me);
        r.post(APP + "/me/makeMeAvailable", me::makeMeAvailable);
        r.get(APP + "/me/presence", me::presence);
        r.post(APP + "/me/presence", me::setPresence);
        r.get(APP + "/me/note", me::note);
        r.post(APP + "/me/note", me::setNote);
        r.get(APP + "/me/location", me::location);
        r.post(APP + "/me/location", me::setLocation);
        r.post(APP + "/me/reportMyActivity", me::reportMyActivity);
        r.get(APP + "/me/phones", me::phones);
        r.get(APP + "/me/callForwardingSettings", me::callForwardingSettings);

        // people (search, contacts, presence of others)
        r.get(PEOPLE, people::people);
        r.get(PEOPLE + "/search", people::search);
        r.get(PEOPLE + "/contacts", people.collectionHandler("myContacts", "contacts", "contact"));
        r.get(PEOPLE + "/groups", people.collectionHandler("myGroups", "groups", "group"));
        r.get(PEOPLE + "/presenceSubscriptions", people.collectionHandler("presenceSubscriptions", "presenceSubscriptions", "presenceSubscription"));
        r.get(PEOPLE + "/subscribedContacts", people.collectionHandler("subscribedContacts", "subscribedContacts", "contact"));
        r.get(PEOPLE + "/presenceSubscriptionMemberships", people.collectionHandler("presenceSubscriptionMemberships", "presenceSubscriptionMemberships", "presenceSubscriptionMembership"));
        r.get(PEOPLE + "/groupMemberships", people.collectionHandler("myGroupMemberships", "groupMemberships", "groupMembership"));
        r.get(PEOPLE + "/privacyRelationships", people.collectionHandler("myPrivacyRelationships", "privacyRelationships", "privacyRelationship"));
        r.get(PEOPLE + "/{person}", people::contact);
        r.get(PEOPLE + "/{person}/presence", people::contactPresence);
        r.get(PEOPLE + "/{person}/note", people::contactNote);
        r.get(PEOPLE + "/{person}/location", people::contactLocation);
        r.get(PEOPLE + "/{person}/supportedMedia", people::contactSupportedModalities);

        // §4 communication and messaging invitations
        r.get(COMM, communication::communication);
        r.get(COMM + "/conversations", communication::conversations);
        r.post(COMM + "/messagingInvitations", communication::startMessaging);
        r.post(COMM + "/startMessaging", communication::startMessaging);
        r.get(COMM + "/messagingInvitations/{invitation}", communication::invitation);
        r.post(COMM + "/messagingInvitations/{invitation}/accept", communication::accept);
        r.post(COMM + "/messagingInvitations/{invitation}/decline", communication::decline);

        // §6 conversation and participants
        r.get(CONV, conversation::conversation);
        r.delete(CONV, conversation::leave);
        r.get(CONV + "/participants", conversation::participants);
        r.get(CONV + "/participants/{person}", conversation::participant);
        r.get(CONV + "/participants/{person}/messaging", conversation::participantMessaging);

        // §7 messaging
        r.get(MSG, messaging::messaging);
        // POST MSG + "/messages" (sendMessage): first, above
        r.get(MSG + "/messages", messaging::messages);
        r.post(MSG + "/messages/{number}", messaging::sendMessage);
        r.get(MSG + "/messages/{number}", messaging::message);
        r.post(MSG + "/typing", messaging::setIsTyping);
        r.get(MSG + "/typingParticipants", messaging::typingParticipants);
        r.post(MSG + "/terminate", messaging::stopMessaging);
        r.post(MSG + "/addMessaging", messaging::addMessaging);

        // Operations: the load balancer's check.
        r.get("/health", new Health(s.storeHeld())::check);

        // Errors: every failure is a UCWA error body.
        r.exception(Exception.class, (e, ctx) -> UcwaErrors.render(ctx, e));
        r.exception(Authentication.Unauthorized.class, (e, ctx) -> s.challenge().send(ctx, e.getMessage()));
        for (int status : UcwaErrors.FALLBACK_STATUSES) {
            r.error(status, ctx -> UcwaErrors.fallback(ctx, status));
        }
        r.after(ctx -> Replies.stripEmptyContentType(ctx));
    }
}
