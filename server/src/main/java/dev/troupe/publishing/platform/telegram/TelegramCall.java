package dev.troupe.publishing.platform.telegram;

import java.net.http.HttpRequest;

/** One Bot API method call, ready to send: the method name and its body (JSON or multipart). */
record TelegramCall(String method, String contentType, HttpRequest.BodyPublisher body) {
}
