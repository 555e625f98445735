package vn.qcdc.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import vn.qcdc.web.i18n.Dates;
import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

class TextsTest {

    @Test
    void bothLanguagesHaveTheSameTexts() {
        assertEquals(Texts.of(Lang.VI).keySet(), Texts.of(Lang.EN).keySet());
    }

    @Test
    void datesAreVietnameseDaysInVietnamTime() {
        assertEquals("03/12/2020", Dates.day(LocalDate.of(2020, 12, 3)));
        // 17:30 UTC is already the next day in Hà Nội.
        assertEquals("04/12/2020", Dates.day(OffsetDateTime.parse("2020-12-03T17:30:00Z")));
    }
}
