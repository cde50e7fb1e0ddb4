// IngestChain: every real recording end to end with counters that match the files, duplicates
// across a second pass, bad input answered with counters, and rate-limited reject logging.

#include "ingest/IngestChain.h"
#include "support/Recordings.h"

#include <QTest>

using namespace wt;
using ingest::IngestChain;
using ingest::RejectReason;

namespace {

QStringList g_logLines;

void captureParseLog(QtMsgType, const QMessageLogContext& context, const QString& message)
{
    if (context.category != nullptr && qstrcmp(context.category, "wikitide.ingest.parse") == 0)
        g_logLines << message;
}

std::uint64_t rejectedFor(const ingest::IngestCounters& c, RejectReason reason)
{
    return c.rejected[static_cast<std::size_t>(reason)];
}

const std::string kValid =
    R"({"meta":{"id":"9a0e1c1e-0000-4000-8000-000000000001","dt":"2024-02-06T16:58:08Z",)"
    R"("domain":"en.wikipedia.org"},"type":"edit","title":"Earth","user":"1.2.3.4",)"
    R"("length":{"old":10,"new":12},"server_name":"en.wikipedia.org","wiki":"enwiki"})";

std::string withId(std::string json, char last)
{
    json[json.find("0001\"") + 3] = last;
    return json;
}

} // namespace

class TestIngestChain : public QObject {
    Q_OBJECT
private slots:
    void init()
    {
        g_logLines.clear();
        qInstallMessageHandler(captureParseLog);
    }
    void cleanup() { qInstallMessageHandler(nullptr); }

    void realFiles_data()
    {
        QTest::addColumn<QString>("file");
        for (const auto& f : test::recordingFiles())
            QTest::newRow(qPrintable(f)) << f;
    }
    void realFiles()
    {
        QFETCH(QString, file);
        const auto lines = test::recordingLines(file);
        IngestChain chain;
        event::EventBatch out;
        std::uint64_t bytes = 0;
        for (const auto& line : lines) {
            QVERIFY(chain.process(line, out));
            bytes += line.size();
        }
        const auto& c = chain.counters();
        QCOMPARE(c.received, std::uint64_t(lines.size()));
        QCOMPARE(c.parsed, std::uint64_t(lines.size()));
        QCOMPARE(c.rejectedTotal(), std::uint64_t(0));
        QCOMPARE(c.duplicates, std::uint64_t(0));
        QCOMPARE(c.canary, std::uint64_t(0));
        QCOMPARE(c.bytes, bytes);
        QCOMPARE(out.size(), lines.size());
        for (const auto& e : out) {
            QVERIFY(!e.project.empty()); // enriched
            QVERIFY(!e.metaId.empty());
        }
        QVERIFY(g_logLines.isEmpty());
    }

    void secondPassIsAllDuplicates()
    {
        IngestChain chain;
        event::EventBatch out;
        std::uint64_t total = 0;
        for (int pass = 0; pass < 2; ++pass) {
            for (const auto& file : test::recordingFiles()) {
                for (const auto& line : test::recordingLines(file)) {
                    chain.process(line, out);
                    total += pass == 0;
                }
            }
        }
        QCOMPARE(total, std::uint64_t(6897));
        QCOMPARE(chain.counters().received, 2 * total);
        QCOMPARE(chain.counters().parsed, total);
        QCOMPARE(chain.counters().duplicates, total);
        QCOMPARE(out.size(), std::size_t(total));
    }

    void dedupHorizonIsBounded()
    {
        IngestChain chain(4u << 20, 2);
        event::EventBatch out;
        const auto a = withId(kValid, '1'), b = withId(kValid, '2'), c = withId(kValid, '3');
        QVERIFY(chain.process(a, out));
        QVERIFY(chain.process(b, out));
        QVERIFY(!chain.process(a, out)); // within the horizon of 2
        QVERIFY(chain.process(c, out));  // evicts a
        QVERIFY(chain.process(a, out));  // a is new again
        QCOMPARE(chain.counters().duplicates, std::uint64_t(1));
        QCOMPARE(chain.counters().parsed, std::uint64_t(4));
    }

    void emptyLinesAreSkipped()
    {
        IngestChain chain;
        event::EventBatch out;
        for (std::string_view line : {"", "\r", "  \t ", "\n"})
            QVERIFY(!chain.process(line, out));
        QCOMPARE(chain.counters().received, std::uint64_t(0));
        QCOMPARE(chain.counters().rejectedTotal(), std::uint64_t(0));
        QVERIFY(chain.process(kValid + "\r", out)); // CRLF files keep a '\r'
    }

    void badInputIsCounted()
    {
        IngestChain chain;
        event::EventBatch out;
        std::string nul = kValid;
        nul[10] = '\0';
        std::string canary = kValid;
        canary.replace(canary.find("\"en.wikipedia.org\"}"), 18, "\"canary\"");
        const std::vector<std::pair<std::string, int>> lines = {
            {kValid.substr(0, 60), int(RejectReason::BadJson)}, // truncated
            {"[" + kValid + "]", int(RejectReason::BadJson)},   // array
            {nul, int(RejectReason::BadJson)},                  // NUL byte
            {"{}", int(RejectReason::MissingField)},            // empty object
            {R"({"meta":7})", int(RejectReason::WrongType)},    // wrong type
            {withId(kValid, '5').replace(kValid.find("Earth"), 5, "\xff\xfe"),
             int(RejectReason::InvalidUtf8)},
            {std::string(10u << 20, ' ') + kValid, int(RejectReason::TooLarge)}, // 10 MiB line
            {canary, -1},
        };
        for (const auto& [line, reason] : lines)
            QVERIFY(!chain.process(line, out));
        QVERIFY(chain.process(kValid, out)); // still works afterwards
        const auto& c = chain.counters();
        QCOMPARE(c.received, std::uint64_t(lines.size() + 1));
        QCOMPARE(rejectedFor(c, RejectReason::BadJson), std::uint64_t(3));
        QCOMPARE(rejectedFor(c, RejectReason::MissingField), std::uint64_t(1));
        QCOMPARE(rejectedFor(c, RejectReason::WrongType), std::uint64_t(1));
        QCOMPARE(rejectedFor(c, RejectReason::InvalidUtf8), std::uint64_t(1));
        QCOMPARE(rejectedFor(c, RejectReason::TooLarge), std::uint64_t(1));
        QCOMPARE(c.canary, std::uint64_t(1));
        QCOMPARE(c.parsed, std::uint64_t(1));
        QCOMPARE(out.size(), std::size_t(1));
        QCOMPARE(out.front().project, std::string("wikipedia"));
        QVERIFY(out.front().has(event::Flag::Anonymous));
        QCOMPARE(out.front().delta, 2);
        // One log line per reject (all below the limit), none for the canary.
        QCOMPARE(g_logLines.size(), 7);
        QVERIFY(g_logLines.filter("too_large").size() == 1);
        for (const auto& l : g_logLines)
            QVERIFY2(l.size() < 400, qPrintable(l)); // a 10 MiB line is not logged whole
    }

    void rejectLoggingIsRateLimited()
    {
        {
            IngestChain chain;
            event::EventBatch out;
            for (int i = 0; i < 20; ++i)
                chain.process("{broken", out);
            QCOMPARE(rejectedFor(chain.counters(), RejectReason::BadJson), std::uint64_t(20));
            QCOMPARE(g_logLines.size(), 5);
            QCOMPARE(chain.rejectLog().suppressed(RejectReason::BadJson), std::uint64_t(15));
        } // the end of the chain reports what was held back
        QCOMPARE(g_logLines.size(), 6);
        QVERIFY2(g_logLines.last().contains("15 more suppressed"), qPrintable(g_logLines.last()));
    }

    void rejectLogWindowRolls()
    {
        using namespace std::chrono_literals;
        ingest::RejectLog log(5, 10s);
        const auto t0 = ingest::RejectLog::Clock::time_point{} + 1h;
        for (int i = 0; i < 8; ++i)
            log.reject(RejectReason::WrongType, "type: not a string", "{}", t0 + 1s);
        log.reject(RejectReason::BadJson, "malformed JSON", "{", t0 + 2s); // own budget
        QCOMPARE(g_logLines.size(), 6);
        log.reject(RejectReason::WrongType, "type: not a string", "{}", t0 + 12s);
        QCOMPARE(g_logLines.size(), 8); // "3 more suppressed" + the new line
        QVERIFY(g_logLines[6].contains("3 more suppressed"));
        QVERIFY(g_logLines[6].contains("wrong_type"));
        QCOMPARE(log.suppressed(RejectReason::WrongType), std::uint64_t(3));
    }
};

QTEST_GUILESS_MAIN(TestIngestChain)
#include "tst_IngestChain.moc"
