package dev.diffprobe.clevr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClevrGenTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--count 0 --out OUT | --count must be > 0, was 0",
        "--count -3 --out OUT | --count must be > 0, was -3",
        "--count 5 --size 15 --out OUT | --size must be >= 16, was 15",
        "--count 5 --out OUT --colour red | unknown option '--colour'",
        "--count 5 --out OUT --seed | missing value for --seed",
        "--count ten --out OUT | --count needs an integer, was 'ten'",
        "--count 5 | missing --out",
        "--out OUT | missing --count",
        "--count 5 --out OUT --threads 0 | --threads must be > 0, was 0",
        "--count 5 --out OUT --objects 11 | --objects must be between 1 and 10, was 11",
        "--count 5 --out OUT --objects 0 | --objects must be between 1 and 10, was 0",
        "--count 5 --out OUT --binding --objects 3 | --binding scenes have exactly 2 objects",
        "--count 5 --out FILE/sub | cannot create output directory",
    })
    void badArgumentsPrintOneLineAndExitNonZero(String args, String message) throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "not a directory");
        String line = args.replace("OUT", dir.resolve("out").toString()).replace("FILE", file.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClevrGen.run(line.split(" "), new PrintStream(err, true, StandardCharsets.UTF_8));
        String printed = err.toString(StandardCharsets.UTF_8);
        assertThat(status).isNotZero();
        assertThat(printed.lines().toList()).hasSize(1);
        assertThat(printed).startsWith("clevr-gen: ").contains(message).doesNotContain("Exception\n", "\tat ");
    }

    @Test
    void writesTheSameBytesOnOneAndFourThreads() throws IOException {
        Path one = generate("one", 1);
        Path four = generate("four", 4);
        List<Path> files = files(one);
        assertThat(files).hasSize(40 + 2);
        assertThat(files(four).stream().map(f -> four.relativize(f).toString()).toList())
                .isEqualTo(files.stream().map(f -> one.relativize(f).toString()).toList());
        for (Path file : files) {
            assertThat(Files.readAllBytes(four.resolve(one.relativize(file))))
                    .as(one.relativize(file).toString()).isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void annotatesEveryImage() throws IOException {
        Path out = generate("annotated", 2);
        List<String> scenes = Files.readAllLines(out.resolve("scenes.jsonl"));
        List<String> captions = Files.readAllLines(out.resolve("captions.jsonl"));
        assertThat(scenes).hasSize(40);
        assertThat(captions).hasSize(40);
        Scene scene = SceneSampler.forBinding().sample(7, 12);
        assertThat(scenes.get(12)).isEqualTo(SceneJson.scene(scene, "images/000012.png", 32));
        assertThat(scenes.get(12)).contains("\"position\":\"left\"", "\"position\":\"right\"");
        assertThat(captions.get(12)).startsWith("{\"index\":12,\"captions\":[\"");
        assertThat(captions.get(12).split("\",\"")).hasSize(3);
        assertThat(ImageIO.read(out.resolve("images/000012.png").toFile()).getWidth()).isEqualTo(32);
    }

    private Path generate(String name, int threads) {
        Path out = dir.resolve(name);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ClevrGen.run(new String[] {"--count", "40", "--seed", "7", "--size", "32", "--binding",
            "--captions", "3", "--threads", Integer.toString(threads), "--out", out.toString()},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("40/40 scenes");
        return out;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
