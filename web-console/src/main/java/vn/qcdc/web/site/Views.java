package vn.qcdc.web.site;

import java.util.List;

import io.quarkus.qute.TemplateData;

/**
 * What the public pages show, already in words and local dates: templates only lay it out. Built by
 * {@link PublicPages} from the services' public views.
 */
public final class Views {

    private Views() {
    }

    /** A unit found by a search or listed below another. */
    @TemplateData
    public record UnitItem(String code, String name, String kind, String period, boolean current) {
    }

    @TemplateData
    public record Figure(String name, String value, String unit) {
    }

    @TemplateData
    public record FindingItem(String kind, boolean achievement, String area, String text, List<Figure> figures) {
    }

    @TemplateData
    public record RecommendationItem(int seq, String content, String area, List<String> addressees, String due,
            String dueIso, String status, String statusCode, boolean overdue, boolean done) {
    }

    /** A concluded inspection as listed on a unit's page. */
    @TemplateData
    public record InspectionItem(String id, String unitName, String date, String dateIso, int year, String head,
            String headTitle, String concluded, String concludedIso, int recommendations, long overdue, long done) {
    }

    /** A concluded inspection in full. */
    @TemplateData
    public record InspectionDetail(InspectionItem summary, String unitCode, String delegationName, List<String> topics,
            List<FindingItem> findings, String conclusionText, String signer, String signerTitle,
            List<RecommendationItem> recommendations, Long dvkRegistered, Long dvkRecognised, Long dvkOutstanding) {
    }

    /** A recognised "Dân vận khéo" model. */
    @TemplateData
    public record ModelItem(String name, String unitName, int year, String organisation, String field, String kind,
            String holder, String decisionNumber, String decisionDate, String decisionDateIso, String recognisedBy,
            boolean outstanding, String description) {
    }
}
