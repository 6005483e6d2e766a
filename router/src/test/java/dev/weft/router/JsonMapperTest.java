package dev.weft.router;

import static dev.weft.router.extract.Extractors.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.http.HttpStatus;
import dev.weft.router.test.TestClient;
import dev.weft.router.test.TestResponse;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/** A router's JSON mapper is used by every JSON it reads and writes. */
class JsonMapperTest {

    record NewUser(String firstName, int shoeSize) {
    }

    record User(long userId, String firstName) {
    }

    record FieldError(String fieldName, String message) {
    }

    /** Written as a string by a module the application registers. */
    record Money(long cents) {
        @Override
        public String toString() {
            return cents / 100 + "." + String.format("%02d", cents % 100);
        }
    }

    record Price(Money totalPrice) {
    }

    static final class Invalid extends HttpException {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(HttpStatus.UNPROCESSABLE_CONTENT, "invalid");
        }

        @Override
        public Problem problem() {
            return super.problem().with("errors", List.of(new FieldError("firstName", "is blank")));
        }
    }

    private static final JsonMapper SNAKE = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new SimpleModule("money").addSerializer(Money.class, ToStringSerializer.instance))
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private final TestClient client = TestClient.of(Router.create()
            .json(SNAKE)
            .post("/users", json(NewUser.class), u -> new User(7, u.firstName() + "/" + u.shoeSize()))
            .get("/created", () -> JsonResponse.of(HttpStatus.CREATED, new User(8, "Ada")))
            .get("/price", () -> new Price(new Money(1250)))
            .get("/problem", () -> Problem.of(HttpStatus.CONFLICT).with("conflict", new FieldError("userId", "taken")))
            .get("/thrown", () -> {
                throw new Invalid();
            })
            .get("/optional", () -> Optional.of(new User(9, "Grace"))));

    @Test
    void extractorsReadWithTheNamingStrategyAndFeatures() {
        TestResponse r = client.post("/users").json(java.util.Map.of("first_name", "Ada", "shoe_size", 38)).send();
        assertEquals(200, r.status(), r.toString());
        assertEquals("{\"user_id\":7,\"first_name\":\"Ada/38\"}", r.text());
        // FAIL_ON_NULL_FOR_PRIMITIVES, a feature of this mapper, turns a null int into a 400.
        TestResponse nullSize = client.post("/users").header("Content-Type", "application/json")
                .body("{\"first_name\":\"Ada\",\"shoe_size\":null}").send();
        assertEquals(400, nullSize.status(), nullSize.toString());
        assertTrue(nullSize.text().contains("shoe_size"), nullSize.text());
    }

    @Test
    void responsesUseTheMapperAndItsModules() {
        assertEquals("{\"user_id\":8,\"first_name\":\"Ada\"}", client.get("/created").text());
        assertEquals(201, client.get("/created").status());
        assertEquals("{\"total_price\":\"12.50\"}", client.get("/price").text());
        assertEquals("{\"user_id\":9,\"first_name\":\"Grace\"}", client.get("/optional").text());
    }

    @Test
    void problemExtensionMembersUseTheMapperAndStandardMembersKeepTheirNames() {
        TestResponse returned = client.get("/problem");
        assertEquals(Problem.CONTENT_TYPE, returned.header("Content-Type"));
        assertTrue(returned.text().contains("\"conflict\":{\"field_name\":\"userId\",\"message\":\"taken\"}"),
                returned.text());
        assertTrue(returned.text().contains("\"status\":409"), returned.text());
        TestResponse thrown = client.get("/thrown");
        assertEquals(422, thrown.status());
        assertTrue(thrown.text().contains("\"errors\":[{\"field_name\":\"firstName\",\"message\":\"is blank\"}]"),
                thrown.text());
    }

    record Order(long orderId) {
    }

    @Test
    void jsonExtractorsReadersAreBuiltWhenTheRouterFreezesOnTheFreezingThread() {
        List<String> builtOn = new java.util.concurrent.CopyOnWriteArrayList<>();
        JsonMapper watched = JsonMapper.builder()
                .addModule(new SimpleModule("watch").setDeserializerModifier(new ValueDeserializerModifier() {
                    @Override
                    public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
                                                                   BeanDescription.Supplier bean,
                                                                   ValueDeserializer<?> deserializer) {
                        if (bean.getBeanClass() == Order.class) {
                            builtOn.add(Thread.currentThread().getName());
                        }
                        return deserializer;
                    }
                }))
                .build();
        Router router = Router.create().json(watched).post("/orders", json(Order.class), o -> o.orderId());
        assertEquals(List.of(), builtOn);
        router.routes(); // freezes, as a starting server does
        assertEquals(List.of(Thread.currentThread().getName()), builtOn);
        TestResponse r = TestClient.of(router).post("/orders").json(java.util.Map.of("orderId", 5)).send();
        assertEquals("5", r.text());
        assertEquals(1, builtOn.size(), "the request used the reader built at freeze: " + builtOn);
    }

    @Test
    void withoutAMapperJacksonDefaultsApply() {
        TestClient plain = TestClient.of(Router.create().get("/u", () -> new User(1, "Ada")));
        assertEquals("{\"userId\":1,\"firstName\":\"Ada\"}", plain.get("/u").text());
    }

    @Test
    void aNestedRouterBringsItsMapperAndTwoDifferentMappersAreRefused() {
        Router api = Router.create().json(SNAKE).get("/u", () -> new User(2, "Bo"));
        TestClient nested = TestClient.of(Router.create().nest("/api", api));
        assertEquals("{\"user_id\":2,\"first_name\":\"Bo\"}", nested.get("/api/u").text());
        Router other = Router.create().json(JsonMapper.builder().build());
        assertThrows(IllegalArgumentException.class, () -> other.nest("/api", Router.create().json(SNAKE)));
    }
}
