package vn.qcdc.e2e;

/**
 * The reference scenario's requests (shared/domain/source-article-xuat-hoa-2020.txt): the Bắc Kạn delegation headed
 * by Phạm Duy Hưng at Xuất Hóa ward on 3 December 2020 and the article's five recommendations. Due dates, report texts
 * and the model are illustrative (the article gives none).
 */
final class Scenario {

    private Scenario() {
    }

    static final String DELEGATION = """
            {"name": "Đoàn kiểm tra Ban Chỉ đạo QCDC và Dân vận khéo tỉnh",
             "committeeName": "Ban Chỉ đạo thực hiện QCDC ở cơ sở và phong trào Dân vận khéo tỉnh Bắc Kạn",
             "committeeLevel": "PROVINCE", "committeeUnitCode": "06", "year": 2020,
             "topics": ["QCDC", "DAN_VAN_KHEO"],
             "members": [{"name": "Phạm Duy Hưng",
                          "title": "Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Bắc Kạn", "role": "HEAD"}]}
            """;

    static String inspection(String delegationId) {
        return """
                {"delegationId": "%s", "unitCode": "01855", "scheduledDate": "2020-12-03", "yearAssessed": 2020,
                 "topics": ["QCDC", "DAN_VAN_KHEO"], "publicDisclosure": true}
                """.formatted(delegationId);
    }

    static final String CONCLUSION = """
            {"text": "Kết luận buổi làm việc, thay mặt Đoàn kiểm tra đề nghị phường Xuất Hóa thực hiện các nội dung sau.",
             "signer": "Phạm Duy Hưng", "signerTitle": "Phó Chủ tịch UBND tỉnh Bắc Kạn", "date": "2020-12-03",
             "publicDisclosure": true,
             "recommendations": [
               {"content": "Xây dựng nội dung Kế hoạch thực hiện sát với yêu cầu thực tế của địa phương.",
                "addressees": [{"bodyType": "PARTY_COMMITTEE"}, {"bodyType": "GOVERNMENT"}],
                "area": "OTHER", "priority": "NORMAL", "dueDate": "2021-03-31"},
               {"content": "Bổ sung số liệu minh chứng cụ thể cho từng lĩnh vực trong báo cáo.",
                "addressees": [{"bodyType": "GOVERNMENT"}], "area": "OTHER", "priority": "HIGH",
                "dueDate": "2021-01-31"},
               {"content": "Đa dạng hơn hình thức công khai, tuyên truyền của cấp ủy, chính quyền.",
                "addressees": [{"bodyType": "PARTY_COMMITTEE"}, {"bodyType": "GOVERNMENT"}],
                "area": "PUBLIC_DISCLOSURE", "priority": "NORMAL", "dueDate": "2021-06-30"},
               {"content": "Các hội, đoàn thể đánh giá, duy trì mô hình Dân vận khéo và đề nghị công nhận.",
                "addressees": [{"bodyType": "FATHERLAND_FRONT"}, {"bodyType": "WOMENS_UNION"},
                               {"bodyType": "YOUTH_UNION"}, {"bodyType": "FARMERS_ASSOCIATION"},
                               {"bodyType": "VETERANS_ASSOCIATION"}],
                "area": "DAN_VAN_KHEO_MODELS", "priority": "NORMAL", "dueDate": "2021-03-31"},
               {"content": "Ban Thanh tra nhân dân và Ban giám sát đầu tư của cộng đồng chủ động giám sát; kiện toàn nhân sự.",
                "addressees": [{"bodyType": "PEOPLES_INSPECTION_BOARD"},
                               {"bodyType": "COMMUNITY_INVESTMENT_SUPERVISION_BOARD"}],
                "area": "PEOPLES_SUPERVISION_BOARDS", "priority": "HIGH", "dueDate": "2021-06-30"}
             ]}
            """;

    static final String PROGRESS = """
            {"text": "UBND phường đã giao các bộ phận bổ sung số liệu minh chứng (minh họa).", "percent": 60,
             "evidence": [{"title": "Công văn giao nhiệm vụ (minh họa)", "uri": "https://example.invalid/cv-1"}]}
            """;

    static final String COMPLETION = """
            {"text": "Báo cáo năm đã bổ sung số liệu minh chứng cho từng lĩnh vực (minh họa).",
             "evidence": [{"title": "Báo cáo bổ sung số liệu (minh họa)", "uri": "https://example.invalid/bc-1"}]}
            """;

    static final String MODEL = """
            {"name": "Phụ nữ tiết kiệm giúp nhau (minh họa)", "unitCode": "01855", "orgType": "WOMENS_UNION",
             "orgName": "Hội Liên hiệp Phụ nữ phường Xuất Hóa", "year": 2021, "field": "ECONOMIC",
             "kind": "COLLECTIVE", "holderName": "Chi hội Phụ nữ tổ 3", "description": "Mô tả minh họa",
             "objectives": "Giúp hội viên phát triển kinh tế", "startDate": "2021-03-01",
             "participants": "30 hội viên", "beneficiaries": "Hộ nghèo",
             "indicators": [{"name": "Hội viên được vay vốn", "target": 30, "unit": "hội viên"}]}
            """;
}
