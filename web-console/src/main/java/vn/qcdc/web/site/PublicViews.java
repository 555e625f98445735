package vn.qcdc.web.site;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import vn.qcdc.client.inspection.model.Addressee;
import vn.qcdc.client.inspection.model.DvkModelFigures;
import vn.qcdc.client.inspection.model.PublicDelegationHead;
import vn.qcdc.client.inspection.model.PublicInspection;
import vn.qcdc.client.inspection.model.PublicRecommendation;
import vn.qcdc.client.inspection.model.RecommendationStatus;
import vn.qcdc.client.inspection.model.UnitType;
import vn.qcdc.client.inspection.model.UnitView;
import vn.qcdc.client.models.model.PublicModelView;
import vn.qcdc.web.i18n.Dates;
import vn.qcdc.web.i18n.Labels;
import vn.qcdc.web.i18n.Lang;
import vn.qcdc.web.i18n.Texts;

/** The services' public views turned into words and local dates (the one mapping step of the public site). */
@ApplicationScoped
public class PublicViews {

    @Inject
    Labels labels;

    List<Views.UnitItem> units(List<UnitView> found, Lang lang) {
        return found.stream().map(u -> new Views.UnitItem(u.getCode(), u.getName(), unitKind(u.getType(), lang),
                period(u, lang), Boolean.TRUE.equals(u.getCurrent()))).toList();
    }

    String unitKind(UnitType type, Lang lang) {
        return type == null ? "" : labels.word("UnitType", type.getValue(), lang);
    }

    private static String period(UnitView u, Lang lang) {
        if (u.getValidTo() != null) {
            return Texts.get(lang, "unit.until") + " " + Dates.day(u.getValidTo());
        }
        return u.getValidFrom() == null ? "" : Texts.get(lang, "unit.since") + " " + Dates.day(u.getValidFrom());
    }

    Views.InspectionItem summary(PublicInspection i, Lang lang) {
        PublicDelegationHead head = i.getDelegationHead();
        var recs = i.getRecommendations() == null ? List.<PublicRecommendation>of() : i.getRecommendations();
        return new Views.InspectionItem(i.getId().toString(), i.getUnitName(), Dates.day(i.getDate()),
                Dates.iso(i.getDate()), i.getYearAssessed() == null ? 0 : i.getYearAssessed(),
                head == null ? null : head.getName(), head == null ? null : head.getTitle(),
                i.getConclusion() == null ? null : Dates.day(i.getConclusion().getDate()),
                i.getConclusion() == null ? null : Dates.iso(i.getConclusion().getDate()), recs.size(),
                recs.stream().filter(r -> Boolean.TRUE.equals(r.getOverdue())).count(),
                recs.stream().filter(r -> r.getStatus() == RecommendationStatus.VERIFIED).count());
    }

    Views.InspectionDetail detail(PublicInspection i, Lang lang) {
        var findings = i.getFindings() == null
                ? List.<Views.FindingItem>of()
                : i.getFindings().stream().map(f -> new Views.FindingItem(
                        labels.word("FindingKind", f.getKind(), lang),
                        f.getKind() != null && "ACHIEVEMENT".equals(f.getKind().getValue()),
                        labels.word("Area", f.getArea(), lang), f.getText(),
                        f.getIndicators() == null
                                ? List.of()
                                : f.getIndicators().stream().map(x -> new Views.Figure(x.getName(),
                                        number(x.getValue(), lang), x.getUnit())).toList()))
                        .toList();
        var recs = i.getRecommendations() == null
                ? List.<Views.RecommendationItem>of()
                : i.getRecommendations().stream().map(r -> recommendation(r, lang)).toList();
        DvkModelFigures dvk = i.getDvkModels();
        var c = i.getConclusion();
        return new Views.InspectionDetail(summary(i, lang), i.getUnitCode(), i.getDelegationName(),
                i.getTopics() == null
                        ? List.of()
                        : i.getTopics().stream().map(t -> labels.word("DelegationTopic", t, lang)).toList(),
                findings, c == null ? null : c.getText(), c == null ? null : c.getSigner(),
                c == null ? null : c.getSignerTitle(), recs, dvk == null ? null : dvk.getRegistered(),
                dvk == null ? null : dvk.getRecognised(), dvk == null ? null : dvk.getOutstanding());
    }

    private Views.RecommendationItem recommendation(PublicRecommendation r, Lang lang) {
        List<String> to = r.getAddressees() == null
                ? List.of()
                : r.getAddressees().stream().map(a -> addressee(a, lang)).toList();
        String status = r.getStatus() == null ? "" : r.getStatus().getValue();
        return new Views.RecommendationItem(r.getSeq() == null ? 0 : r.getSeq(), r.getContent(),
                labels.word("Area", r.getArea(), lang), to, Dates.day(r.getDueDate()), Dates.iso(r.getDueDate()),
                labels.word("RecommendationStatus", status, lang), status, Boolean.TRUE.equals(r.getOverdue()),
                "VERIFIED".equals(status) || "CANCELLED".equals(status));
    }

    /** The body in words; the addressee's own name (e.g. "UBND phường Xuất Hóa") after it when one was given. */
    private String addressee(Addressee a, Lang lang) {
        String body = labels.word("BodyType", a.getBodyType(), lang);
        return a.getName() == null || a.getName().isBlank() ? body : body + " (" + a.getName() + ")";
    }

    List<Views.ModelItem> models(List<PublicModelView> found, Lang lang) {
        return found.stream().map(m -> new Views.ModelItem(m.getName(),
                m.getCurrentUnitName() != null && !m.getCurrentUnitName().equals(m.getUnitName())
                        ? m.getUnitName() + " (" + m.getCurrentUnitName() + ")"
                        : m.getUnitName(),
                m.getYear() == null ? 0 : m.getYear(),
                // The organisation's own name already says its kind ("Hội LHPN phường …"); the kind when none is given.
                m.getOrgName() == null || m.getOrgName().isBlank()
                        ? labels.word("BodyType", m.getOrgType(), lang)
                        : m.getOrgName(),
                labels.word("ModelField", m.getField(), lang), labels.word("ModelKind", m.getKind(), lang),
                m.getHolderName(), m.getDecisionNumber(), Dates.day(m.getDecisionDate()),
                Dates.iso(m.getDecisionDate()), m.getRecognisingBody(), Boolean.TRUE.equals(m.getOutstanding()),
                m.getDescription())).toList();
    }

    private static String number(BigDecimal value, Lang lang) {
        if (value == null) {
            return "";
        }
        NumberFormat f = NumberFormat.getNumberInstance(lang == Lang.VI ? Locale.forLanguageTag("vi-VN") : Locale.UK);
        f.setMaximumFractionDigits(4);
        return f.format(value);
    }
}
