package dev.weft.server.internal.proxy;

/** A forwarding header that does not follow its grammar; the message says where and why. */
final class MalformedForwarding extends Exception {
    MalformedForwarding(String message) {
        super(message, null, false, false);
    }
}
