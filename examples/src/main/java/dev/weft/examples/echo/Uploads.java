package dev.weft.examples.echo;

import dev.weft.router.multipart.Multipart;
import dev.weft.router.multipart.Part;
import dev.weft.runtime.Async;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code POST /upload}: reads a multipart body part by part, hashing each body as it streams (no
 * part is held in memory, whatever its size), and answers what it saw.
 */
final class Uploads {
    /** One part as answered: its field name, file name (null for a plain field), size and SHA-256. */
    record Received(String name, String filename, long size, String sha256) {
    }

    private Uploads() {
    }

    /** Every part of {@code parts}, summarised in order. */
    static Async<List<Received>> summarise(Multipart parts) {
        return next(parts, new ArrayList<>());
    }

    private static Async<List<Received>> next(Multipart parts, List<Received> seen) {
        return parts.next().flatMap(part -> {
            if (part == null) {
                return Async.ready(seen);
            }
            MessageDigest sha = sha256();
            return part.consume(sha::update).flatMap(size -> {
                seen.add(received(part, size, sha));
                return next(parts, seen);
            });
        });
    }

    private static Received received(Part part, long size, MessageDigest sha) {
        return new Received(part.name(), part.filename().orElse(null), size, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
