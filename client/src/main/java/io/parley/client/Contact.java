package io.parley.client;

import java.util.List;

/** A person from the directory: SIP URI, display name and e-mail addresses. */
public record Contact(String uri, String name, List<String> emailAddresses) {}
