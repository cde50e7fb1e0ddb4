// CSV snapshots: RFC 4180 quoting, formula neutralising, ISO times, atomic files, and a round
// trip through an independent CSV reader written here.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "analytics/AnalyticsEngine.h"
#include "export/CsvExporter.h"
#include "export/CsvWriter.h"
#include "../analytics/RecordedEvents.h"
#include "support/CsvReader.h"

using namespace wt;

class TestCsvExporter : public QObject {
    Q_OBJECT
private slots:
    void escapesCells_data()
    {
        QTest::addColumn<QString>("in");
        QTest::addColumn<QString>("out");
        QTest::newRow("plain") << "Berlin" << "Berlin";
        QTest::newRow("comma") << "a,b" << "\"a,b\"";
        QTest::newRow("quote") << "say \"hi\"" << "\"say \"\"hi\"\"\"";
        QTest::newRow("newline") << "a\nb" << "\"a\nb\"";
        QTest::newRow("formula") << "=HYPERLINK(\"x\")" << "\"'=HYPERLINK(\"\"x\"\")\"";
        QTest::newRow("plus") << "+1" << "'+1";
        QTest::newRow("minus text") << "-foo" << "'-foo";
        QTest::newRow("at") << "@SUM(A1)" << "'@SUM(A1)";
        QTest::newRow("tab") << "\tx" << "'\tx";
        QTest::newRow("cr") << "\rx" << "\"'\rx\"";
        QTest::newRow("cyrillic") << "Участник:EyeBot" << "Участник:EyeBot";
    }
    void escapesCells()
    {
        QFETCH(QString, in);
        QFETCH(QString, out);
        QCOMPARE(QString::fromStdString(exporter::CsvWriter::escape(in.toStdString())), out);
    }

    void numbersStayNumbers()
    {
        exporter::CsvWriter w;
        w.number(std::int64_t(-1234)).text("-1234").time(1'795'000'000'123).endRow();
        QCOMPARE(QString::fromStdString(w.data()),
                 QStringLiteral("-1234,'-1234,2026-11-18T11:06:40.123Z\r\n"));
    }

    // A snapshot of real events (plus hostile strings) written, read back, compared cell by cell.
    void roundTripOfRealSnapshot()
    {
        auto events = test::loadRecording(QStringLiteral("electricsql_rag.ndjson"));
        QVERIFY(events.size() > 300);
        std::stable_sort(events.begin(), events.end(),
                         [](const auto& a, const auto& b) { return a.timeMs < b.timeMs; });
        event::EditEvent hostile = events.back();
        hostile.title = "=cmd|' /C calc'!A0, \"quoted\"\nnext line";
        hostile.user = "@attacker";
        hostile.delta = -5000;
        hostile.lengthNew = hostile.lengthOld - 5000;
        events.push_back(hostile);
        analytics::AnalyticsConfig config;
        config.lookbackMs = 3 * 3600 * 1000;
        analytics::AnalyticsEngine engine(config);
        engine.setKeywords({QStringLiteral("calc"), QStringLiteral("/[bad/")});
        engine.ingest(events);
        engine.closeAllMinutes();
        auto snap = engine.buildSnapshot();
        QVERIFY(!snap->recent.empty());
        QVERIFY(!snap->closedMinutes.empty());

        QTemporaryDir dir;
        const auto result = exporter::CsvExporter::write(*snap, dir.path() + QStringLiteral("/out"));
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(QFileInfo(result.folder).fileName().startsWith(QStringLiteral("wikitide-")));
        QVERIFY(QFileInfo(result.folder).fileName().endsWith(QLatin1Char('Z')));
        const QStringList files = QDir(result.folder).entryList(QDir::Files, QDir::Name);
        QCOMPARE(files.size(), 14);
        QCOMPARE(QDir(dir.path() + QStringLiteral("/out")).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).size(), 1);

        auto recent = test::readCsvFile(result.folder + QStringLiteral("/recent_edits.csv"));
        QCOMPARE(recent.size(), snap->recent.size() + 1);
        QCOMPARE(recent[0][0], std::string("time"));
        for (std::size_t i = 0; i < snap->recent.size(); ++i) {
            const auto& e = snap->recent[i];
            const auto& row = recent[i + 1];
            QCOMPARE(row.size(), std::size_t(10));
            QCOMPARE(row[0], exporter::CsvWriter::isoTime(e.timeMs));
            QCOMPARE(row[1], std::to_string(e.delta)); // negative numbers stay numbers
            QCOMPARE(row[5], e.wiki);
            const bool formula = !e.title.empty() && std::string("=+-@\t\r").find(e.title[0]) != std::string::npos;
            QCOMPARE(row[6], formula ? "'" + e.title : e.title);
            const bool userFormula = !e.user.empty() && std::string("=+-@\t\r").find(e.user[0]) != std::string::npos;
            QCOMPARE(row[7], userFormula ? "'" + e.user : e.user);
        }
        QCOMPARE(recent.back()[6], "'" + hostile.title);
        QCOMPARE(recent.back()[7], std::string("'@attacker"));
        QCOMPARE(recent.back()[1], std::string("-5000"));

        auto kpis = test::readCsvFile(result.folder + QStringLiteral("/kpis.csv"));
        QCOMPARE(kpis.size(), std::size_t(2));
        QCOMPARE(kpis[1][3], std::to_string(snap->kpis.events));
        QCOMPARE(kpis[1][8], std::to_string(snap->kpis.bytesNet));

        auto users = test::readCsvFile(result.folder + QStringLiteral("/top_users.csv"));
        QCOMPARE(users.size(), snap->topUsers.size() + 1);
        for (std::size_t i = 0; i < snap->topUsers.size(); ++i) {
            QCOMPARE(users[i + 1][4], std::to_string(snap->topUsers[i].edits));
            QCOMPARE(users[i + 1][7], std::to_string(snap->topUsers[i].bytesNet));
        }

        auto keywords = test::readCsvFile(result.folder + QStringLiteral("/keywords.csv"));
        QCOMPARE(keywords.size(), std::size_t(3));
        QCOMPARE(keywords[1][0], std::string("calc"));
        QCOMPARE(keywords[1][2], std::string("1"));
        QCOMPARE(keywords[2][1], std::string("false"));
        QVERIFY(!keywords[2][3].empty());
        auto hits = test::readCsvFile(result.folder + QStringLiteral("/keyword_hits.csv"));
        QCOMPARE(hits.size(), std::size_t(2));
        QCOMPARE(hits[1][4], "'" + hostile.title);

        auto minutes = test::readCsvFile(result.folder + QStringLiteral("/closed_minutes.csv"));
        std::uint64_t total = 0;
        for (std::size_t i = 1; i < minutes.size(); ++i)
            if (minutes[i][1].empty())
                total += std::stoull(minutes[i][2]);
        std::uint64_t expected = 0;
        for (const auto& m : snap->closedMinutes)
            expected += m->total.events;
        QCOMPARE(total, expected);
        for (const char* f : {"traffic.csv", "top_wikis.csv", "top_languages.csv", "top_projects.csv",
                              "top_pages.csv", "namespaces.csv", "action_types.csv", "engagement.csv"})
            QVERIFY2(test::readCsvFile(result.folder + QLatin1Char('/') + QLatin1String(f)).size() >= 2, f);

        // A second export in the same second gets its own folder.
        const auto again = exporter::CsvExporter::write(*snap, dir.path() + QStringLiteral("/out"));
        QVERIFY(again.ok);
        QVERIFY(again.folder != result.folder);
    }

    void unwritableDirectoryIsAnError()
    {
        analytics::AnalyticsEngine engine;
        const auto result = exporter::CsvExporter::write(*engine.buildSnapshot(),
                                                         QStringLiteral("/proc/wikitide-no"));
        QVERIFY(!result.ok);
        QVERIFY(!result.error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCsvExporter)
#include "tst_CsvExporter.moc"
