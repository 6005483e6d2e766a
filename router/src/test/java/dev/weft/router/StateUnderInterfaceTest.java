package dev.weft.router;

import static dev.weft.router.extract.Extractors.state;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.router.test.TestClient;
import dev.weft.server.Server;
import dev.weft.server.ServerConfig;

import java.net.Socket;

import org.junit.jupiter.api.Test;

/** State registered under an interface, and a missing state refused when the server starts. */
class StateUnderInterfaceTest {

    interface UserStore {
        String name(long id);
    }

    static final class PgUserStore implements UserStore {
        @Override
        public String name(long id) {
            return "user " + id;
        }
    }

    @Test
    void stateRegisteredUnderItsInterfaceSatisfiesStateOfTheInterface() {
        Router router = Router.create()
                .withState(UserStore.class, new PgUserStore())
                .get("/u", state(UserStore.class), users -> users.name(7));
        assertEquals("user 7", TestClient.of(router).get("/u").text());
    }

    @Test
    void stateRegisteredUnderItsOwnClassIsRefusedAtStartWithAHintNamingRouteAndType() throws Exception {
        Router router = Router.create()
                .withState(new PgUserStore())
                .get("/users", state(UserStore.class), users -> users.name(1));
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Server.start(config, router));
        String m = e.getMessage();
        assertTrue(m.contains("GET /users"), m);
        assertTrue(m.contains(UserStore.class.getName()), m);
        assertTrue(m.contains("withState(UserStore.class, value)"), m);
        assertTrue(m.contains(PgUserStore.class.getName()), m);
    }

    @Test
    void aMissingStateFailsTheStartBeforeAnyConnectionIsAccepted() throws Exception {
        Router router = Router.create().get("/users", state(UserStore.class), users -> users.name(1));
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(port).build();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Server.start(config, router));
        assertTrue(e.getMessage().contains("extracts state " + UserStore.class.getName()), e.getMessage());
        // The listener was closed: nothing accepts on the port.
        assertThrows(java.io.IOException.class, () -> new Socket("127.0.0.1", port).close());
    }
}
