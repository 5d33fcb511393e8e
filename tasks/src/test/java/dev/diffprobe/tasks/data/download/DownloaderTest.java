package dev.diffprobe.tasks.data.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.diffprobe.tasks.data.DatasetCatalog;
import dev.diffprobe.tasks.data.LabeledImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The opt-in download against a local HTTP server on 127.0.0.1 serving small fixture archives
 * under the catalog's file names: a good archive, a corrupted one, a missing one, a transfer cut
 * in the middle, and no server at all.
 */
class DownloaderTest {
    private static final Duration STALL = Duration.ofMillis(400);

    @TempDir
    Path root;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** How many of the next responses to cut after half their bytes. */
    private final AtomicInteger cuts = new AtomicInteger();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String name = exchange.getRequestURI().getPath().substring(1);
        byte[] body = files.get(name);
        if (body == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, body.length);
        OutputStream out = exchange.getResponseBody();
        if (cuts.getAndDecrement() > 0) {
            // Half the announced bytes, then silence: the connection is gone as far as the client can tell.
            out.write(body, 0, body.length / 2);
            out.flush();
            try {
                Thread.sleep(STALL.toMillis() * 4);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        out.write(body);
        out.close();
    }

    private Downloader downloader() {
        int port = server.getAddress().getPort();
        URI base = URI.create("http://127.0.0.1:" + port + "/");
        return new Downloader(HttpClient.newHttpClient(), STALL,
                uri -> base.resolve(uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)));
    }

    /** A CIFAR-10 test batch of {@code n} records in the archive layout upstream ships. */
    private static byte[] cifarArchive(int n) throws IOException {
        byte[] batch = new byte[n * 3073];
        for (int i = 0; i < n; i++) {
            batch[i * 3073] = (byte) (i % 10);
        }
        return tarGz(Map.of("cifar-10-batches-bin/test_batch.bin", batch,
                "cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] tarGz(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.write(header(e.getKey(), e.getValue().length));
                out.write(e.getValue());
                out.write(new byte[(512 - e.getValue().length % 512) % 512]);
            }
            out.write(new byte[1024]);
        }
        return bytes.toByteArray();
    }

    private static byte[] header(String name, long size) {
        byte[] h = new byte[512];
        put(h, 0, name);
        put(h, 100, "0000644");
        put(h, 108, "0000000");
        put(h, 116, "0000000");
        put(h, 124, String.format("%011o", size));
        put(h, 136, "00000000000");
        h[156] = '0';
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void put(byte[] h, int offset, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, b.length);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static Download cifar(String sha) {
        return new Download(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"), Optional.of(sha),
                "the test's own fixture", "cifar10", Download.Unpack.TAR_GZ);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root)).toList();
        }
    }

    @Test
    void aGoodArchiveIsVerifiedAndUnpackedToTheLayoutTheReaderExpects() throws Exception {
        byte[] archive = cifarArchive(20);
        files.put("cifar-10-binary.tar.gz", archive);

        downloader().fetch("CIFAR10", List.of(cifar(sha256(archive))), root);

        List<LabeledImage> images = DatasetCatalog.read("CIFAR10", List.of(root));
        assertThat(images.size()).isEqualTo(20);
        assertThat(root.resolve(Downloader.WORK)).doesNotExist();
        assertThat(root.resolve("cifar10/cifar-10-batches-bin/batches.meta.txt")).exists();
    }

    @Test
    void theCatalogsOwnEntryFetchesIntoTheFirstRoot() throws Exception {
        Download pinned = DatasetCatalog.entry("CIFAR10").downloads().get(0);
        byte[] archive = cifarArchive(10);
        files.put(pinned.fileName(), archive);
        Download fixture = new Download(pinned.uri(), Optional.of(sha256(archive)), "fixture", pinned.into(),
                pinned.unpack());

        downloader().fetch("CIFAR10", List.of(fixture), root);

        assertThat(DatasetCatalog.read("CIFAR10", List.of(root, root.resolve("elsewhere"))).size()).isEqualTo(10);
        assertThat(pinned.sha256()).as("the catalog pins a checksum").isPresent();
    }

    @Test
    void aCorruptedArchiveIsAChecksumErrorAndNothingIsUnpacked() throws Exception {
        byte[] archive = cifarArchive(20);
        String sha = sha256(archive);
        archive[archive.length / 2] ^= 1;
        files.put("cifar-10-binary.tar.gz", archive);

        assertThatThrownBy(() -> downloader().fetch("CIFAR10", List.of(cifar(sha)), root))
                .isInstanceOf(DownloadException.class)
                .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz has SHA-256 "
                        + sha256(archive) + ", not the pinned " + sha + "; nothing was unpacked")
                .hasMessageContaining("To get it by hand");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aMissingFileIsNamedWithItsHttpStatus() {
        assertThatThrownBy(() -> downloader().fetch("CIFAR10", List.of(cifar("0".repeat(64))), root))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz answered HTTP 404"
                        + " (not found)");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aTransferCutInTheMiddleStartsAgainCleanly() throws Exception {
        byte[] archive = cifarArchive(20);
        files.put("cifar-10-binary.tar.gz", archive);
        cuts.set(1);

        downloader().fetch("CIFAR10", List.of(cifar(sha256(archive))), root);

        assertThat(requests).hasValue(2);
        assertThat(DatasetCatalog.read("CIFAR10", List.of(root)).size()).isEqualTo(20);
        assertThat(root.resolve(Downloader.WORK)).doesNotExist();
    }

    @Test
    void aTransferCutEveryTimeGivesUpAndKeepsNothing() throws Exception {
        byte[] archive = cifarArchive(20);
        files.put("cifar-10-binary.tar.gz", archive);
        cuts.set(Downloader.ATTEMPTS);

        assertThatThrownBy(() -> downloader().fetch("CIFAR10", List.of(cifar(sha256(archive))), root))
                .isInstanceOf(DownloadException.class).hasMessageContaining("the transfer broke off after "
                        + archive.length / 2 + " bytes (no byte for").hasMessageContaining(Downloader.ATTEMPTS + " times");
        assertThat(requests).hasValue(Downloader.ATTEMPTS);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void withoutANetworkTheMessageSaysWhatToFetchByHand() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Downloader offline = new Downloader(HttpClient.newHttpClient(), Duration.ofSeconds(5),
                uri -> URI.create("http://127.0.0.1:" + closed + "/cifar-10-binary.tar.gz"));
        String sha = "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd";

        assertThatThrownBy(() -> offline.fetch("CIFAR10", List.of(cifar(sha)), root))
                .isInstanceOf(DownloadException.class)
                .hasMessageStartingWith("cannot reach https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz (")
                .hasMessageContaining("To get it by hand: download https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz,"
                        + " check that its SHA-256 is " + sha + ", and unpack it (tar xzf) into " + root.resolve("cifar10"));
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFileWithoutPinnedChecksumIsNeverFetched() {
        Download unpinned = new Download(URI.create("https://example.org/cue-conflict.tar.gz"), Optional.empty(),
                "none published", "", Download.Unpack.TAR_GZ);

        assertThatThrownBy(() -> downloader().fetch("CueConflict", List.of(unpinned), root))
                .isInstanceOf(DownloadException.class).hasMessageContaining("has no pinned SHA-256 (none published)");
        assertThat(requests).hasValue(0);
    }

    @Test
    void anArchiveEntryThatWouldLandOutsideTheRootIsRefused() throws Exception {
        byte[] archive = tarGz(Map.of("../escaped.bin", new byte[] {1, 2, 3}));
        files.put("cifar-10-binary.tar.gz", archive);

        assertThatThrownBy(() -> downloader().fetch("CIFAR10", List.of(cifar(sha256(archive))), root))
                .isInstanceOf(DownloadException.class).hasMessageContaining("would land outside");
        assertThat(leftovers()).isEmpty();
        assertThat(root.resolveSibling("escaped.bin")).doesNotExist();
    }
}
