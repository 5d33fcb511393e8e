package dev.diffprobe.tasks.data.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Fetches a dataset's files into a data root when the user asks for it ({@code -Ddownload=true};
 * never otherwise). Each file is streamed into a {@code .part} file under
 * {@value #WORK}, its SHA-256 compared with the pinned one, then unpacked into a staging folder
 * there; only when every file of the dataset has passed are the staged folders moved into the
 * layout the reader expects. Whatever fails, the work folder is deleted, so nothing is left half
 * fetched or half unpacked and the next attempt starts clean. A transfer cut short (fewer bytes
 * than the server announced, the connection dropped, or no byte for {@link #DEFAULT_STALL}) is
 * retried from the start a few times;
 * a missing file (HTTP 404), a wrong checksum or no network are not, and their message names the
 * address to fetch by hand, the checksum and where the files go.
 */
public final class Downloader {
    /** The work folder under the data root; deleted after every attempt. */
    public static final String WORK = ".diffprobe-download";

    /** Attempts per file when the transfer is cut short. */
    static final int ATTEMPTS = 3;

    /** How long a server may take to answer a request with its headers. */
    private static final Duration ANSWER = Duration.ofSeconds(60);

    /** How long a transfer may go without a byte before it counts as cut. */
    static final Duration DEFAULT_STALL = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Duration stall;
    private final UnaryOperator<URI> address;

    /** A downloader over the network, following redirects (the canonical hosts redirect to mirrors). */
    public Downloader() {
        this(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20)).build(), DEFAULT_STALL, UnaryOperator.identity());
    }

    /**
     * @param stall how long without a byte counts as a cut transfer (the JDK client has no read timeout)
     * @param address maps a catalog address to the one actually requested (tests serve the
     *     fixtures from a local server under the catalog's file names)
     */
    Downloader(HttpClient client, Duration stall, UnaryOperator<URI> address) {
        this.client = client;
        this.stall = stall;
        this.address = address;
    }

    /** Fetches, verifies and unpacks every file of {@code dataset} under {@code root}. */
    public void fetch(String dataset, List<Download> downloads, Path root) throws DownloadException {
        if (downloads.isEmpty()) {
            throw new DownloadException("no download is known for " + dataset + "; fetch it by hand (tasks/README.md"
                    + " names its source and layout)");
        }
        for (Download d : downloads) {
            if (d.sha256().isEmpty()) {
                throw new DownloadException(dataset + ": " + d.uri() + " has no pinned SHA-256 (" + d.checksumSource()
                        + "), so it is not fetched unverified; " + byHand(d, root));
            }
        }
        Path work = root.resolve(WORK);
        try {
            deleteTree(work);
            Path staging = Files.createDirectories(work.resolve("staging"));
            for (Download d : downloads) {
                Path file = transfer(d, work, root);
                unpack(d, file, staging.resolve(d.into()), root);
                Files.deleteIfExists(file);
            }
            install(staging, root);
        } catch (DownloadException e) {
            throw e;
        } catch (IOException e) {
            throw new DownloadException(dataset + ": cannot write under " + root + ": " + e.getMessage(), e);
        } finally {
            try {
                deleteTree(work);
            } catch (IOException e) {
                System.err.println("diffprobe: could not delete " + work + ": " + e.getMessage());
            }
        }
    }

    /** The file in {@code work}, complete and with the pinned checksum; retried when the transfer is cut. */
    private Path transfer(Download d, Path work, Path root) throws IOException {
        Path part = work.resolve(d.fileName() + ".part");
        for (int attempt = 1; ; attempt++) {
            try {
                String sha = get(d, part, root);
                if (!sha.equals(d.sha256().orElseThrow())) {
                    throw new DownloadException(d.uri() + " has SHA-256 " + sha + ", not the pinned "
                            + d.sha256().get() + "; nothing was unpacked. " + byHand(d, root));
                }
                return part;
            } catch (TransferCut e) {
                Files.deleteIfExists(part);
                if (attempt == ATTEMPTS) {
                    throw new DownloadException(d.uri() + ": " + e.getMessage() + ", " + ATTEMPTS
                            + " times; nothing was kept. " + byHand(d, root));
                }
                System.err.println("diffprobe: " + d.uri() + ": " + e.getMessage() + "; starting again ("
                        + (attempt + 1) + " of " + ATTEMPTS + ")");
            }
        }
    }

    /** Streams the file into {@code part}; returns its SHA-256. */
    private String get(Download d, Path part, Path root) throws IOException {
        URI uri = address.apply(d.uri());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(ANSWER).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw new DownloadException("cannot reach " + d.uri() + " (" + describe(e) + "). " + byHand(d, root), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while fetching " + d.uri(), e);
        } catch (IOException e) {
            String cause = describe(e);
            if (e.getCause() instanceof UnknownHostException || e.getCause() instanceof ConnectException) {
                throw new DownloadException("cannot reach " + d.uri() + " (" + cause + "). " + byHand(d, root), e);
            }
            throw new TransferCut("the connection failed (" + cause + ")");
        }
        long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DownloadException(d.uri() + " answered HTTP " + response.statusCode() + (response.statusCode()
                        == 404 ? " (not found)" : "") + "; nothing was fetched. " + byHand(d, root));
            }
            MessageDigest sha = sha256();
            AtomicLong received = new AtomicLong();
            Watchdog watchdog = new Watchdog(body, received, stall);
            try (InputStream in = new DigestInputStream(body, sha); OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[256 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                throw new TransferCut("the transfer broke off after " + received + " bytes (" + (watchdog.fired()
                        ? "no byte for " + stall.toMillis() + " ms" : describe(e)) + ")");
            } finally {
                watchdog.stop();
            }
            if (announced >= 0 && received.get() != announced) {
                throw new TransferCut("the transfer ended after " + received + " of " + announced + " bytes");
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    private static void unpack(Download d, Path file, Path into, Path root) throws IOException {
        Files.createDirectories(into);
        switch (d.unpack()) {
            case FILE -> Files.move(file, into.resolve(d.fileName()));
            case TAR_GZ -> {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
                    Tar.extract(in, into, d.fileName());
                } catch (java.util.zip.ZipException e) {
                    throw new DownloadException(d.fileName() + " is not a gzipped tar (" + e.getMessage() + "); "
                            + byHand(d, root), e);
                }
            }
        }
    }

    /** Moves each staged top folder into the root; a folder already there is an error, not merged. */
    private static void install(Path staging, Path root) throws IOException {
        List<Path> tops;
        try (Stream<Path> list = Files.list(staging)) {
            tops = list.sorted().toList();
        }
        for (Path top : tops) {
            Path target = root.resolve(top.getFileName());
            if (Files.exists(target)) {
                throw new DownloadException(target + " exists but lacks the files expected; move it aside and"
                        + " download again");
            }
        }
        for (Path top : tops) {
            Files.move(top, root.resolve(top.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private static String byHand(Download d, Path root) {
        return "To get it by hand: download " + d.uri() + d.sha256().map(s -> ", check that its SHA-256 is " + s)
                .orElse("") + ", and " + (d.unpack() == Download.Unpack.TAR_GZ ? "unpack it (tar xzf) into "
                : "put it into ") + root.resolve(d.into());
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Closes a response body that has gone {@code stall} without a byte, which makes its read fail. */
    private static final class Watchdog {
        private final Thread thread;
        private volatile boolean fired;

        Watchdog(InputStream body, AtomicLong received, Duration stall) {
            thread = new Thread(() -> {
                long seen = -1;
                try {
                    while (received.get() != seen) {
                        seen = received.get();
                        Thread.sleep(stall.toMillis());
                    }
                    fired = true;
                    body.close();
                } catch (InterruptedException | IOException e) {
                    // stopped: the transfer ended, or closing failed and the read ends on its own
                }
            }, "diffprobe-download-watchdog");
            thread.setDaemon(true);
            thread.start();
        }

        boolean fired() {
            return fired;
        }

        void stop() {
            thread.interrupt();
        }
    }

    /** A transfer that may succeed when started again. */
    private static final class TransferCut extends IOException {
        TransferCut(String message) {
            super(message);
        }
    }
}
