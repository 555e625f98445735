package vn.qcdc.modelregistry.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** OWASP's CSV injection defence: text that starts like a formula gets a leading apostrophe; numbers do not. */
class CsvExportTest {

    @Test
    void formulaStartsAreNeutralised() {
        String csv = CsvExport.write(List.of("a", "b", "c", "d", "e", "f", "g"),
                List.of(List.of("=1+1", "+1", "-1", "@x", "\tx", "\rx", -5)));
        assertEquals("\uFEFFa,b,c,d,e,f,g\r\n'=1+1,'+1,'-1,'@x,'\tx,\"'\rx\",-5\r\n", csv);
    }

    @Test
    void ordinaryTextIsUnchanged() {
        assertEquals("\uFEFFa\r\nXuất Hóa\r\n", CsvExport.write(List.of("a"), List.of(List.of("Xuất Hóa"))));
    }
}
