package vn.qcdc.modelregistry.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import vn.qcdc.events.BodyType;
import vn.qcdc.modelregistry.model.DvkModel.Field;
import vn.qcdc.modelregistry.model.DvkModel.Kind;
import vn.qcdc.modelregistry.model.ModelDto.IndicatorInput;
import vn.qcdc.modelregistry.model.ModelDto.ModelInput;

/**
 * The reference scenario's models: the 7 "Dân vận khéo" models Xuất Hóa ward (01855, Bắc Kạn) registered in 2020.
 * The article names the organisations (MTTQ, Women's Union, Youth Union, Farmers' Association, Veterans' Association
 * …) but not the models: every name, holder and figure here is illustrative ("minh họa").
 */
public final class XuatHoa2020 {

    public static final String UNIT = "01855";
    public static final int YEAR = 2020;

    /** Where each model ends up in the scenario. */
    public enum Outcome {
        RECOGNISED_OUTSTANDING, RECOGNISED, NOT_RECOGNISED, WITHDRAWN, PROPOSED, IMPLEMENTING
    }

    public record ScenarioModel(UUID id, ModelInput input, Outcome outcome) {
    }

    public static final List<ScenarioModel> MODELS = List.of(
            model(1, "Khu dân cư tự quản, đoàn kết (minh họa)", BodyType.FATHERLAND_FRONT,
                    "Ban Công tác Mặt trận phường Xuất Hóa", Field.POLITICAL_SYSTEM, Kind.COLLECTIVE,
                    "Ban Công tác Mặt trận tổ 5", "Hộ gia đình ký cam kết tự quản", 120, "hộ",
                    Outcome.RECOGNISED_OUTSTANDING),
            model(2, "Phụ nữ tiết kiệm giúp nhau phát triển kinh tế (minh họa)", BodyType.WOMENS_UNION,
                    "Hội Liên hiệp Phụ nữ phường Xuất Hóa", Field.ECONOMIC, Kind.COLLECTIVE, "Chi hội Phụ nữ tổ 3",
                    "Hội viên được vay vốn tiết kiệm", 30, "hội viên", Outcome.RECOGNISED),
            model(3, "Thanh niên giữ đường làng, ngõ xóm xanh – sạch – đẹp (minh họa)", BodyType.YOUTH_UNION,
                    "Đoàn Thanh niên phường Xuất Hóa", Field.CULTURE_SOCIAL, Kind.COLLECTIVE, "Chi đoàn tổ 7",
                    "Km đường được vệ sinh hằng tháng", 5, "km", Outcome.RECOGNISED),
            model(4, "Nông dân liên kết trồng rau an toàn (minh họa)", BodyType.FARMERS_ASSOCIATION,
                    "Hội Nông dân phường Xuất Hóa", Field.ECONOMIC, Kind.COLLECTIVE, "Tổ hợp tác rau an toàn",
                    "Diện tích rau an toàn", 3, "ha", Outcome.NOT_RECOGNISED),
            model(5, "Cựu chiến binh tham gia giữ gìn an ninh trật tự (minh họa)", BodyType.VETERANS_ASSOCIATION,
                    "Hội Cựu chiến binh phường Xuất Hóa", Field.DEFENCE_SECURITY, Kind.COLLECTIVE,
                    "Chi hội Cựu chiến binh tổ 2", "Buổi tuần tra", 48, "buổi", Outcome.PROPOSED),
            model(6, "Gương người lao động giúp đồng nghiệp khó khăn (minh họa)", BodyType.TRADE_UNION,
                    "Công đoàn cơ sở phường Xuất Hóa", Field.CULTURE_SOCIAL, Kind.INDIVIDUAL,
                    "Nguyễn Thị Minh Họa (minh họa)", "Người được giúp đỡ", 10, "người", Outcome.WITHDRAWN),
            model(7, "Tổ dân phố lắp camera an ninh (minh họa)", BodyType.RESIDENTIAL_GROUP, "Tổ dân phố 4",
                    Field.DEFENCE_SECURITY, Kind.COLLECTIVE, "Tổ dân phố 4", "Camera được lắp", 8, "camera",
                    Outcome.IMPLEMENTING));

    private XuatHoa2020() {
    }

    private static ScenarioModel model(int n, String name, BodyType org, String orgName, Field field, Kind kind,
            String holder, String indicator, int target, String unit, Outcome outcome) {
        UUID id = UUID.nameUUIDFromBytes(("qcdc-demo-xuat-hoa-2020-model-" + n).getBytes());
        ModelInput in = new ModelInput(name, UNIT, org, orgName, YEAR, field, kind, holder,
                "Mô hình minh họa: bài báo về buổi kiểm tra tại phường Xuất Hóa không nêu tên các mô hình.",
                "Phát huy vai trò của " + orgName + " trong phong trào thi đua \"Dân vận khéo\".",
                LocalDate.of(YEAR, 3, 1), "Hội viên, đoàn viên và nhân dân trên địa bàn",
                "Nhân dân phường Xuất Hóa", List.of(new IndicatorInput(indicator, BigDecimal.valueOf(target), unit)));
        return new ScenarioModel(id, in, outcome);
    }
}
