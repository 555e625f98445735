package vn.qcdc.api.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.problem.Messages;
import vn.qcdc.events.BodyType;

class LabelsTest {

    @Test
    void everyBodyTypeHasWordsInBothLanguages() {
        for (BodyType b : BodyType.values()) {
            assertTrue(Labels.text(b, Messages.VIETNAMESE).isPresent(), b.name());
            assertTrue(Labels.text(b, Locale.ENGLISH).isPresent(), b.name());
        }
        assertEquals("Đảng ủy", Labels.text(BodyType.PARTY_COMMITTEE, Messages.VIETNAMESE).orElseThrow());
    }

    @Test
    void messagesShowLabelsInsteadOfCodes() {
        assertEquals("Không tìm thấy kiến nghị có mã 42.",
                Messages.format(Messages.VIETNAMESE, "not-found", Label.of("Resource", "recommendation"), 42));
        assertEquals("No recommendation with id 42.",
                Messages.format(Locale.ENGLISH, "not-found", Label.of("Resource", "recommendation"), 42));
    }

    @Test
    void aValueWithoutWordsShowsItself() {
        assertEquals("NO_SUCH", Labels.text("RecommendationStatus", "NO_SUCH", Messages.VIETNAMESE));
        assertEquals("x", Labels.text("NoSuchGroup", "x", Locale.ENGLISH));
    }

    @Test
    void groupsAreNamedAfterTheEnumSchema() {
        assertEquals("BodyType", Labels.groupOf(BodyType.class));
        assertEquals("UnitLevel", Labels.groupOf(vn.qcdc.units.AdministrativeUnit.Level.class));
        assertTrue(Labels.groups().keySet().containsAll(List.of("RecommendationStatus", "ModelStatus", "Resource")));
    }
}
