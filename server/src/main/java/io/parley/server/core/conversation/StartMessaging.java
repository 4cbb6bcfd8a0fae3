package io.parley.server.core.conversation;

/**
 * The input of startMessaging / addMessaging: recipient, subject, importance as sent, correlation id, and
 * the optional first message (already decoded from its data URI).
 */
public record StartMessaging(String to, String subject, String importance, String operationId,
                             String firstMessage, boolean firstMessageHtml) {}
