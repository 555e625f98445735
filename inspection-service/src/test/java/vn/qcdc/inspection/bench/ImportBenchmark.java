package vn.qcdc.inspection.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import vn.qcdc.inspection.Api;
import vn.qcdc.testsupport.Tokens;

/**
 * Benchmark of the bulk import: 100,000 recommendations of 20,000 past inspections (five each, a fifth of them
 * verified with their real dates) in one CSV file, posted with curl under /usr/bin/time to inspection-service (test
 * mode: real PostgreSQL and Kafka; the outbox relay publishes the events meanwhile). Three imports of fresh files, then
 * one re-import of the last (every row an update). Target: 100,000 rows in at most 2 minutes. Off by default; run
 * with {@code bench/import/run.sh}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "qcdc.bench", matches = "true")
class ImportBenchmark {

    static final int ROWS = Integer.getInteger("qcdc.bench.rows", 100_000);
    static final int RUNS = 3;

    @TestHTTPResource("/")
    URL base;

    @Test
    void import100000Recommendations() throws Exception {
        String delegation = Api.delegation();
        String token = Tokens.steering("06");
        List<String> lines = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        String load0 = Files.readString(Path.of("/proc/loadavg")).trim();
        Path last = null;
        for (int run = 1; run <= RUNS + 1; run++) {
            boolean reimport = run > RUNS;
            Path file = reimport ? last : csv(delegation, "B" + run + "-" + System.nanoTime());
            last = file;
            Result r = post(file, token);
            assertEquals(201, r.status, r.body);
            assertTrue(r.body.contains("\"status\":\"DONE\""), r.body);
            assertTrue(r.body.contains(reimport
                    ? "\"recommendationsUpdated\":" + ROWS
                    : "\"recommendationsCreated\":" + ROWS), r.body);
            double rowsPerSecond = ROWS / r.seconds;
            if (!reimport) {
                seconds.add(r.seconds);
            }
            lines.add(String.format("| %s | %,d | %.1f s | %,.0f rows/s | %d MB | %d MB | %d MB | %s |",
                    reimport ? "re-import (updates)" : "import " + run, ROWS, r.seconds, rowsPerSecond,
                    r.heapPeakMb, r.rssPeakMb, r.curlRssMb, Files.readString(Path.of("/proc/loadavg")).trim()));
            System.out.println("[bench] " + lines.get(lines.size() - 1));
        }
        Collections.sort(seconds);
        double median = seconds.get(seconds.size() / 2);
        String load1 = Files.readString(Path.of("/proc/loadavg")).trim();
        StringBuilder md = new StringBuilder();
        md.append("# Results: bulk import of 100,000 recommendations\n\n");
        md.append("Run ").append(OffsetDateTime.now()).append(" by `bench/import/run.sh` (").append(ROWS)
                .append(" rows per file: 20,000 inspections × 5 recommendations, CSV ")
                .append(Files.size(last) / 1024 / 1024).append(" MB).\n\n");
        md.append(String.format("**Median of %d imports: %.1f s, %,.0f rows/s** (target: ≤ 120 s).%n%n", RUNS, median,
                ROWS / median));
        md.append("Load average before: `").append(load0).append("`, after: `").append(load1).append("`.\n\n");
        md.append("| Run | Rows | Wall time (curl) | Rows/s | Service heap peak | Service RSS peak | curl max RSS |"
                + " Load average after |\n|---|---|---|---|---|---|---|---|\n");
        lines.forEach(l -> md.append(l).append('\n'));
        md.append("\nService heap peak: used heap sampled every 100 ms during the request (the test JVM also holds the"
                + " test framework). Service RSS peak: `VmHWM` of the JVM since it started. curl max RSS: `/usr/bin/time"
                + " -v` (the upload is streamed from disk).\n");
        String out = System.getProperty("qcdc.bench.out");
        if (out != null) {
            Files.writeString(Path.of(out), md.toString(), StandardCharsets.UTF_8);
        }
        System.out.println(md);
        assertTrue(median <= 120, "median " + median + " s");
    }

    record Result(int status, String body, double seconds, long heapPeakMb, long rssPeakMb, long curlRssMb) {
    }

    private Result post(Path file, String token) throws Exception {
        Path body = Files.createTempFile("import-answer", ".json");
        List<String> cmd = List.of("/usr/bin/time", "-v", "curl", "-sS", "-o", body.toString(), "-w",
                "%{http_code} %{time_total}", "-H", "Authorization: Bearer " + token, "-F",
                "file=@" + file + ";type=text/csv", base + "api/v1/imports/inspections?unit=06");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong heapPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running.get()) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        running.set(false);
        sampler.join();
        String[] w = out.trim().split(" ");
        Matcher rss = Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)").matcher(err);
        long curlRss = rss.find() ? Long.parseLong(rss.group(1)) / 1024 : -1;
        Matcher hwm = Pattern.compile("VmHWM:\\s+(\\d+) kB").matcher(Files.readString(Path.of("/proc/self/status")));
        long rssPeak = hwm.find() ? Long.parseLong(hwm.group(1)) / 1024 : -1;
        return new Result(Integer.parseInt(w[0]), Files.readString(body), Double.parseDouble(w[1]),
                heapPeak.get() / 1024 / 1024, rssPeak, curlRss);
    }

    /** A spreadsheet export of one province's past years: Vietnamese headers, a byte-order mark, CRLF. */
    static Path csv(String delegation, String prefix) throws IOException {
        Path file = Files.createTempFile("import-bench", ".csv");
        String[] status = {"Đã ban hành", "Đang thực hiện", "Đã ban hành", "VERIFIED", "Đã ban hành"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("\uFEFFMã bản ghi,Mã buổi kiểm tra,Mã đoàn kiểm tra,Mã đơn vị,Ngày kiểm tra,Năm đánh giá,"
                    + "Ngày kết luận,Người ký,Lĩnh vực,Nội dung,Mức ưu tiên,Thời hạn,Cơ quan thực hiện,Trạng thái,"
                    + "Tiến độ,Ngày báo cáo hoàn thành,Ngày xác nhận\r\n");
            LocalDate first = LocalDate.of(2021, 1, 4);
            for (int n = 0; n < ROWS; n++) {
                int inspection = n / 5;
                LocalDate day = first.plusDays(inspection % 300);
                String s = status[n % 5];
                boolean verified = s.equals("VERIFIED");
                w.write(prefix + "-R" + n + "," + prefix + "-I" + inspection + "," + delegation + ",01855," + day + ","
                        + (day.getYear() - 1) + "," + day.plusDays(7) + ",Phạm Duy Hưng,PUBLIC_DISCLOSURE,"
                        + "\"Công khai, niêm yết các khoản thu, chi của năm " + day.getYear() + " (kiến nghị " + n
                        + ")\",Cao," + day.plusMonths(6) + ",Đảng ủy;UBND;Ủy ban MTTQ," + s + ","
                        + (s.equals("Đang thực hiện") ? "40" : "") + ","
                        + (verified ? day.plusMonths(5) : "") + "," + (verified ? day.plusMonths(5).plusDays(10) : "")
                        + "\r\n");
            }
        }
        return file;
    }
}
