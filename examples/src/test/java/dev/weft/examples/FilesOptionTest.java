package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesOptionTest {
    @TempDir
    Path dir;

    @Test
    void filesNamesADirectoryForTheEchoExample() {
        assertEquals(dir, Options.parse("--files", dir.toString()).files());
        assertEquals(dir, Options.parse("--files=" + dir).files());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--files", dir.resolve("nope").toString()));
        assertTrue(missing.getMessage().contains("--files must name a directory"), missing.getMessage());
        IllegalArgumentException otherApp = assertThrows(IllegalArgumentException.class,
                () -> Options.parse("--app", "todo", "--files", dir.toString()));
        assertTrue(otherApp.getMessage().contains("--app echo"), otherApp.getMessage());
    }
}
