package dev.weft.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.reactivestreams.Publisher;

/**
 * The Reactive Streams TCK (1.0.4) against a file body's buffered path
 * ({@link ResponseBody.FileRegion#publisher()}): one chunk per unit of demand, read on a virtual
 * thread; the element count is the region's length in chunks.
 */
public class FileRegionPublisherTckTest extends CollectingPublisherVerification<ByteBuffer> {
    private static final long MAX_CHUNKS = 12;
    private static final Path FILE = createFile();

    private static Path createFile() {
        try {
            Path f = Files.createTempFile("weft-region-tck", ".bin");
            f.toFile().deleteOnExit();
            byte[] bytes = new byte[(int) (MAX_CHUNKS * FileRegionPublisher.CHUNK)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) i;
            }
            Files.write(f, bytes);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Publisher<ByteBuffer> createPublisher(long elements) {
        try {
            FileChannel ch = FileChannel.open(FILE, StandardOpenOption.READ);
            // Starts one byte in, so every chunk comes from a read at an offset.
            long length = elements == 0 ? 0 : (elements - 1) * FileRegionPublisher.CHUNK + 7;
            return new ResponseBody.FileRegion(ch, 1, length).publisher();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long maxElementsFromPublisher() {
        return MAX_CHUNKS - 1;
    }

    @Override
    public Publisher<ByteBuffer> createFailedPublisher() {
        return null;
    }
}
