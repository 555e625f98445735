package vn.qcdc.backbone.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

class IncomingEventTest {

    record Data(String probeId, String note) {
    }

    static IncomingEvent event(String json) {
        ObjectMapper tolerant = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return new IncomingEvent("1", "/src", "t.v1", null, null, "k", null, json.getBytes(StandardCharsets.UTF_8),
                "topic",
                0, 0, tolerant);
    }

    @Test
    void fieldsAddedByANewerProducerAreIgnored() {
        assertEquals(new Data("p", "n"),
                event("{\"probeId\":\"p\",\"note\":\"n\",\"addedLater\":1}").dataAs(Data.class));
    }

    @Test
    void dataThatDoesNotFitIsPoison() {
        assertThrows(PoisonEventException.class, () -> event("[1,2]").dataAs(Data.class));
        assertThrows(PoisonEventException.class, () -> event("not json").dataAs(Data.class));
    }
}
