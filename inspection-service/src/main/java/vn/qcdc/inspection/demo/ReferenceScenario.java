package vn.qcdc.inspection.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import vn.qcdc.events.BodyType;
import vn.qcdc.inspection.delegation.Delegation;
import vn.qcdc.inspection.delegation.DelegationDto.DelegationInput;
import vn.qcdc.inspection.delegation.DelegationDto.MemberInput;
import vn.qcdc.inspection.inspection.Area;
import vn.qcdc.inspection.inspection.Evidence;
import vn.qcdc.inspection.inspection.Finding;
import vn.qcdc.inspection.inspection.InspectionDto;
import vn.qcdc.inspection.inspection.InspectionDto.ConclusionInput;
import vn.qcdc.inspection.inspection.InspectionDto.FindingInput;
import vn.qcdc.inspection.inspection.InspectionDto.IndicatorInput;
import vn.qcdc.inspection.inspection.InspectionDto.InspectionInput;
import vn.qcdc.inspection.recommendation.Recommendation;
import vn.qcdc.inspection.recommendation.RecommendationDto.AddresseeInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.CompletionInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.EvidenceLinkInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.ProgressInput;
import vn.qcdc.inspection.recommendation.RecommendationDto.RecommendationInput;

/**
 * The reference scenario (source article, Xuất Hóa ward, 3 December 2020) as API inputs: the demo data loads it
 * through the service layer and the scenario test posts the same inputs through the real API. Facts come from the
 * article; due dates, the illustrative member, report texts and document links are invented and marked so.
 */
public final class ReferenceScenario {

    public static final String BAC_KAN = "06";
    public static final String XUAT_HOA = "01855";
    public static final LocalDate SESSION = LocalDate.of(2020, 12, 3);

    private ReferenceScenario() {
    }

    public static DelegationInput delegation() {
        return new DelegationInput("Đoàn kiểm tra Ban Chỉ đạo QCDC và Dân vận khéo tỉnh Bắc Kạn năm 2020",
                "Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở và phong trào Dân vận khéo tỉnh Bắc Kạn",
                Delegation.CommitteeLevel.PROVINCE, BAC_KAN, 2020,
                EnumSet.of(Delegation.Topic.QCDC, Delegation.Topic.DAN_VAN_KHEO),
                List.of(new MemberInput("Phạm Duy Hưng",
                        "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Bắc Kạn", Delegation.MemberRole.HEAD),
                        new MemberInput("Thành viên minh họa", "Ban Dân vận Tỉnh ủy (minh họa)",
                                Delegation.MemberRole.MEMBER)));
    }

    public static InspectionInput inspection(UUID delegationId) {
        return new InspectionInput(delegationId, XUAT_HOA, SESSION, 2020,
                EnumSet.of(Delegation.Topic.QCDC, Delegation.Topic.DAN_VAN_KHEO),
                "Ghi chú nội bộ của Đoàn (minh họa): không công bố.", true);
    }

    public static List<FindingInput> findings() {
        return List.of(
                new FindingInput(Finding.Kind.ACHIEVEMENT, Area.LAW_DISSEMINATION,
                        "Các văn bản pháp luật được phổ biến tới người dân.", null),
                new FindingInput(Finding.Kind.ACHIEVEMENT, Area.PETITIONS,
                        "Kịp thời giải quyết những khó khăn, vướng mắc của nhân dân.", null),
                new FindingInput(Finding.Kind.ACHIEVEMENT, Area.PUBLIC_DISCLOSURE,
                        "Việc thực hiện các chế độ chính sách của nhà nước được công khai, niêm yết tại trụ sở UBND"
                                + " phường và lồng ghép tại các buổi giao ban định kỳ, sinh hoạt thôn, tổ, kỳ họp HĐND,"
                                + " đối thoại, tiếp và giải quyết đơn thư kiến nghị với công dân.",
                        null),
                new FindingInput(Finding.Kind.ACHIEVEMENT, Area.DAN_VAN_KHEO_MODELS,
                        "Các tổ chức Hội, đoàn thể (MTTQ, Hội phụ nữ, Đoàn thanh niên, Hội nông dân, Hội cựu chiến"
                                + " binh …) đăng ký triển khai thực hiện 07 mô hình “Dân vận khéo”.",
                        List.of(new IndicatorInput("Mô hình “Dân vận khéo” đăng ký trong năm", BigDecimal.valueOf(7),
                                "mô hình"))),
                new FindingInput(Finding.Kind.LIMITATION, Area.OTHER,
                        "Kế hoạch thực hiện chủ yếu bám sát văn bản hướng dẫn của cấp trên, chưa sát yêu cầu thực tế"
                                + " của địa phương.",
                        null),
                new FindingInput(Finding.Kind.LIMITATION, Area.OTHER,
                        "Báo cáo có liệt kê từng lĩnh vực triển khai nhưng thiếu số liệu minh chứng cụ thể.", null),
                new FindingInput(Finding.Kind.LIMITATION, Area.PUBLIC_DISCLOSURE,
                        "Hoạt động công khai của cấp ủy, chính quyền chưa đa dạng về hình thức tuyên truyền.", null));
    }

    public static InspectionDto.EvidenceLinkInput evidence() {
        return new InspectionDto.EvidenceLinkInput(
                "Báo cáo kết quả thực hiện QCDC và phong trào Dân vận khéo năm 2020 của phường Xuất Hóa (minh họa)",
                Evidence.Kind.REPORT, "BC-minh-hoa/2020", LocalDate.of(2020, 11, 30),
                "https://example.invalid/xuat-hoa/bao-cao-qcdc-2020.pdf");
    }

    private static AddresseeInput to(BodyType t) {
        return new AddresseeInput(t, null, null);
    }

    /** The article's five recommendations to Xuất Hóa ward, to the addressees the article names. */
    public static ConclusionInput conclusion() {
        return new ConclusionInput(
                "Kết luận buổi làm việc, thay mặt Đoàn kiểm tra Ban Chỉ đạo QCDC và DVK tỉnh Bắc Kạn, đề nghị phường"
                        + " Xuất Hóa thực hiện các nội dung sau.",
                "Phạm Duy Hưng", "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Bắc Kạn", SESSION, true,
                List.of(new RecommendationInput(
                        "Trong quá trình xây dựng, ban hành Kế hoạch thực hiện, ngoài việc bám sát các văn bản hướng"
                                + " dẫn, nội dung triển khai của cấp trên, cần xây dựng nội dung thực hiện sát với yêu cầu"
                                + " thực tế của địa phương.",
                        List.of(to(BodyType.PARTY_COMMITTEE), to(BodyType.GOVERNMENT)), Area.OTHER,
                        Recommendation.Priority.NORMAL, LocalDate.of(2021, 3, 31)),
                        new RecommendationInput(
                                "Đối với báo cáo có liệt kê từng lĩnh vực triển khai, cần bổ sung thêm số liệu minh"
                                        + " chứng cụ thể, từ đó mới có cơ sở đánh giá sâu kết quả thực hiện.",
                                List.of(to(BodyType.GOVERNMENT)), Area.OTHER, Recommendation.Priority.HIGH,
                                LocalDate.of(2021, 1, 31)),
                        new RecommendationInput(
                                "Hoạt động công khai của cấp ủy, chính quyền cần đa dạng hơn về hình thức tuyên truyền.",
                                List.of(to(BodyType.PARTY_COMMITTEE), to(BodyType.GOVERNMENT)),
                                Area.PUBLIC_DISCLOSURE, Recommendation.Priority.NORMAL, LocalDate.of(2021, 6, 30)),
                        new RecommendationInput(
                                "Các hội, đoàn thể chủ động đánh giá kết quả, duy trì thực hiện các mô hình “Dân vận"
                                        + " khéo” đã đăng ký trong năm và đề nghị cấp có thẩm quyền công nhận cho địa"
                                        + " phương.",
                                List.of(to(BodyType.FATHERLAND_FRONT), to(BodyType.WOMENS_UNION),
                                        to(BodyType.YOUTH_UNION), to(BodyType.FARMERS_ASSOCIATION),
                                        to(BodyType.VETERANS_ASSOCIATION)),
                                Area.DAN_VAN_KHEO_MODELS, Recommendation.Priority.NORMAL, LocalDate.of(2021, 3, 31)),
                        new RecommendationInput(
                                "Ban Thanh tra nhân dân và Ban giám sát đầu tư của cộng đồng chủ động kiểm tra, giám sát"
                                        + " các hoạt động của cấp ủy, chính quyền; kịp thời bổ sung, kiện toàn nhân sự có"
                                        + " trình độ vào Ban giám sát đầu tư của cộng đồng, nhất là giám sát xây dựng hạ"
                                        + " tầng giao thông nông thôn.",
                                List.of(to(BodyType.PEOPLES_INSPECTION_BOARD),
                                        to(BodyType.COMMUNITY_INVESTMENT_SUPERVISION_BOARD)),
                                Area.PEOPLES_SUPERVISION_BOARDS, Recommendation.Priority.HIGH,
                                LocalDate.of(2021, 6, 30))));
    }

    private static EvidenceLinkInput doc(String title) {
        return new EvidenceLinkInput(title, "https://example.invalid/xuat-hoa/" + Math.abs(title.hashCode()), null);
    }

    /** Progress on the "concrete evidence figures" recommendation (illustrative text). */
    public static ProgressInput progress() {
        return new ProgressInput(
                "UBND phường đã giao các bộ phận bổ sung số liệu minh chứng cho từng lĩnh vực (minh họa).",
                60, List.of(doc("Công văn giao nhiệm vụ bổ sung số liệu (minh họa)")));
    }

    public static CompletionInput completion() {
        return new CompletionInput("Báo cáo năm đã bổ sung số liệu minh chứng cho từng lĩnh vực (minh họa).",
                List.of(doc("Báo cáo bổ sung số liệu minh chứng (minh họa)")));
    }

    public static CompletionInput associationsCompletion() {
        return new CompletionInput("Các hội, đoàn thể đã tự đánh giá các mô hình (minh họa).",
                List.of(doc("Biên bản tự đánh giá mô hình (minh họa)")));
    }
}
