package vn.qcdc.notification.platform;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.testsupport.LabelsCheck;

/** Words for every code this service publishes, served at {@code /api/v1/labels}. */
@QuarkusTest
class LabelsTest {

    @Test
    void everyEnumValueOfTheDocumentHasVietnameseAndEnglishWords() {
        LabelsCheck.everyEnumOfTheDocumentHasWords();
    }

    @Test
    void labelsArePublicAndCacheable() {
        LabelsCheck.labelsArePublicAndCacheable();
    }
}
