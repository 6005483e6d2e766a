package dev.weft.router;

import static dev.weft.router.extract.Extractors.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.test.TestClient;

import org.junit.jupiter.api.Test;

/** Parameters inside a segment, through the router: extraction, priority, 404 and conflicts. */
class SegmentParametersTest {

    private final TestClient client = TestClient.of(Router.create()
            .get("/files/{name}.json", path("name"), name -> "json " + name)
            .get("/files/{name}", path("name"), name -> "file " + name)
            .get("/v{version}/items", path("version", int.class), v -> "items v" + v));

    @Test
    void aParameterBesideStaticTextIsExtractedAndConverted() {
        assertEquals("json report", client.get("/files/report.json").text());
        assertEquals("json a.b", client.get("/files/a.b.json").text());
        assertEquals("file report.xml", client.get("/files/report.xml").text());
        assertEquals("json caf\u00e9", client.get("/files/caf%C3%A9.json").text());
        assertEquals("items v2", client.get("/v2/items").text());
        assertEquals(400, client.get("/vx/items").status());
        assertTrue(client.get("/vx/items").text().contains("path parameter 'version': 'x' is not an int"),
                client.get("/vx/items").text());
        assertEquals(404, client.get("/v/items").status());
        assertEquals("/files/{name}.json", Router.create().get("/files/{name}.json", () -> "x")
                .routePattern("/files/a.json"));
    }

    @Test
    void conflictsAndAmbiguitiesFailWhenTheRouteIsAdded() {
        IllegalArgumentException conflict = assertThrows(IllegalArgumentException.class, () -> Router.create()
                .get("/files/{name}.json", () -> "a")
                .get("/files/{id}.xml", () -> "b"));
        assertTrue(conflict.getMessage().contains("parameters {id} and {name} at the same position"),
                conflict.getMessage());
        IllegalArgumentException sideBySide = assertThrows(IllegalArgumentException.class,
                () -> Router.create().get("/files/{a}{b}", () -> "a"));
        assertTrue(sideBySide.getMessage().contains("two parameters side by side"), sideBySide.getMessage());
    }
}
