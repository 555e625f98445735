package vn.qcdc.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.text.Normalizer;
import java.util.List;

import org.junit.jupiter.api.Test;

import vn.qcdc.api.paging.Cursor;
import vn.qcdc.api.problem.ProblemException;
import vn.qcdc.api.text.VietnameseText;

class VietnameseTextTest {

    @Test
    void foldMatchesRegardlessOfDiacriticsTonePlacementFormAndCase() {
        String nfd = Normalizer.normalize("Xuất Hóa", Normalizer.Form.NFD);
        assertEquals("xuat hoa", VietnameseText.fold("Xuất Hóa"));
        assertEquals("xuat hoa", VietnameseText.fold(nfd));
        assertEquals(VietnameseText.fold("Hóa"), VietnameseText.fold("Hoá"));
        assertEquals(VietnameseText.fold("Thủy"), VietnameseText.fold("Thuỷ"));
        assertEquals("dan van kheo", VietnameseText.fold("  DÂN   vận khéo "));
        assertEquals("duc xuan", VietnameseText.fold("Đức Xuân"));
    }

    @Test
    void nfcStoresComposedText() {
        String nfd = Normalizer.normalize("Phường Xuất Hóa", Normalizer.Form.NFD);
        assertEquals("Phường Xuất Hóa", VietnameseText.nfc(nfd));
        assertEquals("Phường Xuất Hóa".length(), VietnameseText.nfc(nfd).length());
    }

    @Test
    void cursorRoundTripsAndRefusesTampering() {
        String c = Cursor.encode(List.of("2020-12-31", "abc"));
        assertEquals(List.of("2020-12-31", "abc"), Cursor.decode(c, 2));
        assertThrows(ProblemException.class, () -> Cursor.decode("%%%not-base64", 2));
        assertThrows(ProblemException.class, () -> Cursor.decode(c, 3));
        assertThrows(ProblemException.class, () -> Cursor.limit(0));
        assertThrows(ProblemException.class, () -> Cursor.limit(Cursor.MAX_LIMIT + 1));
        assertEquals(Cursor.DEFAULT_LIMIT, Cursor.limit(null));
    }

    @Test
    void etagsRefuseStaleVersions() {
        ETags.requireMatch(null, 3);
        ETags.requireMatch("\"v3\"", 3);
        ETags.requireMatch("W/\"v3\"", 3);
        ProblemException e = assertThrows(ProblemException.class, () -> ETags.requireMatch("\"v2\"", 3));
        assertEquals(412, e.status());
    }
}
