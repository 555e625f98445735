package vn.qcdc.inspection.delegation;

/** Delegations of the reference scenario (the Bắc Kạn provincial steering committee, December 2020). */
public final class DelegationFixtures {

    public static final String BAC_KAN = "06";
    public static final String XUAT_HOA = "01855";
    public static final String DIEN_BIEN = "11";

    private DelegationFixtures() {
    }

    public static String bacKanDelegation() {
        return """
                {
                  "name": "Đoàn kiểm tra Ban Chỉ đạo QCDC và Dân vận khéo tỉnh",
                  "committeeName": "Ban Chỉ đạo thực hiện QCDC ở cơ sở và phong trào Dân vận khéo tỉnh Bắc Kạn",
                  "committeeLevel": "PROVINCE",
                  "committeeUnitCode": "06",
                  "year": 2020,
                  "topics": ["QCDC", "DAN_VAN_KHEO"],
                  "members": [
                    {"name": "Phạm Duy Hưng", "title": "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Bắc Kạn",
                     "role": "HEAD"},
                    {"name": "Thành viên minh họa", "title": "Ban Dân vận Tỉnh ủy (minh họa)", "role": "MEMBER"}
                  ]
                }
                """;
    }
}
