package dev.weft.it.soak;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The JDK's {@link HttpClient} (HTTP/1.1, keep-alive): bodies with Content-Length and streamed
 * ones, which it sends chunked. Several requests per call on the client's pooled connections.
 */
public final class JdkClientDriver implements SoakDriver, AutoCloseable {
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public String name() {
        return "jdk-client";
    }

    @Override
    public void run(int port, SplittableRandom random, SoakTally tally) throws Exception {
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            long id = tally.nextId();
            String path = random.nextBoolean() ? "/echo" : "/echo/buffered";
            byte[] body = SoakBodies.body(random.nextLong(), SoakBodies.size(random));
            boolean streamed = random.nextInt(3) == 0;
            HttpRequest.BodyPublisher publisher = streamed
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                    : HttpRequest.BodyPublishers.ofByteArray(body);
            String what = "jdk-client :" + port + " #" + id + " POST " + path + " " + body.length + " bytes "
                    + (streamed ? "streamed" : "Content-Length");
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Content-Type", "application/x-soak-" + id).POST(publisher).build();
            CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
            HttpResponse<byte[]> r;
            try {
                r = answer.get(HANG_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                answer.cancel(true);
                tally.fail(tally.hung, what + ": no answer in " + HANG_MILLIS + " ms" + Diagnostics.of(port));
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                tally.fail(tally.errors, what + ": " + e.getCause());
                return;
            }
            if (r.statusCode() != 200) {
                tally.fail(tally.errors, what + ": status " + r.statusCode());
                return;
            }
            if (!r.headers().firstValue("content-type").orElse("").equals("application/x-soak-" + id)) {
                tally.fail(tally.corrupted, what + ": the response belongs to another request: " + r.headers());
                return;
            }
            tally.compare(what, body, r.body());
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
