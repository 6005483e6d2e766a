package dev.weft.codec;

import dev.weft.http.HttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Test support: drives a decoder like a server would, collecting whole messages. */
final class Wire {
    private Wire() {}

    /** One decoded request: its head, all body bytes, and trailers. */
    record Message(RequestHead head, byte[] body, HttpHeaders trailers) {
        String bodyText() {
            return new String(body, StandardCharsets.ISO_8859_1);
        }
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code text} fed in one piece; fails if a message is left incomplete. */
    static List<Message> decode(String text) {
        return decode(new RequestDecoder(), bytes(text), new int[0]);
    }

    static Message decodeOne(String text) {
        List<Message> all = decode(text);
        if (all.size() != 1) throw new AssertionError("expected one message, got " + all.size());
        return all.getFirst();
    }

    static HttpCodecException decodeError(String text) {
        return decodeError(new RequestDecoder(), text);
    }

    static HttpCodecException decodeError(RequestDecoder d, String text) {
        try {
            decode(d, bytes(text), new int[0]);
        } catch (HttpCodecException e) {
            return e;
        }
        throw new AssertionError("expected HttpCodecException for: " + text.replace("\r", "\\r").replace("\n", "\\n"));
    }

    /**
     * For tables of refused requests: {@code testCase} is {@code "input -> message"}. Decodes
     * {@code request.apply(input)} and checks that it is refused with an error {@code kind}
     * accepts and the message {@code messagePrefix + message}.
     */
    static void assertRefused(String testCase, UnaryOperator<String> request, Predicate<HttpCodecException> kind,
            String messagePrefix) {
        String[] c = testCase.split(" -> ");
        HttpCodecException e = decodeError(request.apply(c[0]));
        if (!kind.test(e)) throw new AssertionError("unexpected kind of error: " + e);
        if (!(messagePrefix + c[1]).equals(e.getMessage())) {
            throw new AssertionError("expected message <" + messagePrefix + c[1] + "> but was <" + e.getMessage() + ">");
        }
    }

    /**
     * Feeds {@code data} split at the given (ascending) offsets, through a small reused buffer
     * that is compacted between reads, as a server would. Returns complete messages; throws if the
     * stream ends inside a message.
     */
    static List<Message> decode(RequestDecoder d, byte[] data, int[] splits) {
        return decode(d, data, splits, false);
    }

    /** As {@link #decode(RequestDecoder, byte[], int[])}, reading from a direct buffer when {@code direct}. */
    static List<Message> decode(RequestDecoder d, byte[] data, int[] splits, boolean direct) {
        List<Message> out = new ArrayList<>();
        if (!feed(d, data, splits, direct, out)) throw new AssertionError("stream ended inside a message");
        return out;
    }

    /**
     * Feeds {@code data} as {@link #decode(RequestDecoder, byte[], int[], boolean)} does, adding
     * complete messages to {@code out} as they end (so they are there if the decoder throws).
     *
     * @return false if the stream ended inside a message
     */
    static boolean feed(RequestDecoder d, byte[] data, int[] splits, boolean direct, List<Message> out) {
        int capacity = Math.max(16, data.length);
        ByteBuffer buf = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        buf.flip();
        RequestHead head = null;
        ByteArrayOutputStream body = null;
        int prev = 0;
        for (int s = 0; s <= splits.length; s++) {
            int next = s < splits.length ? splits[s] : data.length;
            buf.compact();
            buf.put(data, prev, next - prev);
            buf.flip();
            prev = next;
            for (;;) {
                DecodeEvent e = d.decode(buf);
                switch (e) {
                    case NEED_MORE -> { }
                    case HEAD -> {
                        if (head != null) throw new AssertionError("HEAD before END");
                        head = d.head();
                        body = new ByteArrayOutputStream();
                    }
                    case CONTENT -> {
                        ByteBuffer c = d.content();
                        if (!c.isReadOnly()) throw new AssertionError("content must be read-only");
                        byte[] b = new byte[c.remaining()];
                        c.get(b);
                        body.write(b, 0, b.length);
                    }
                    case END -> {
                        out.add(new Message(head, body.toByteArray(), d.trailers()));
                        head = null;
                    }
                }
                if (e == DecodeEvent.NEED_MORE) {
                    if (buf.hasRemaining()) throw new AssertionError("NEED_MORE left " + buf.remaining() + " bytes");
                    break;
                }
            }
        }
        return head == null;
    }
}
