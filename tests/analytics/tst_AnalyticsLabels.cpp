// Wikidata labels in the analytics engine: real Wikidata edits (editgroups recording), labels
// answered through setLabels() show in top pages, recent edits and the CSV files; labelsWanted
// asks exactly for the unlabeled Q-ids, once.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <set>

#include "analytics/AnalyticsEngine.h"
#include "support/CsvReader.h"
#include "analytics/WikidataLabels.h"
#include "enrich/Enricher.h"
#include "export/CsvExporter.h"
#include "RecordedEvents.h"

using namespace wt;

namespace {

constexpr std::int64_t kT0 = 1'800'000'000'000;

// The editgroups recording (Wikidata bot and tool edits), re-timed 400 ms apart so all of it
// fits one 3 h lookback.
event::EventBatch wikidataStream()
{
    event::EventBatch events = test::loadRecording(QStringLiteral("editgroups.ndjson"));
    for (std::size_t i = 0; i < events.size(); ++i)
        events[i].timeMs = kT0 + static_cast<std::int64_t>(i) * 400;
    return events;
}

bool isItemPage(const analytics::LeaderRow& row)
{
    return row.wiki == "wikidatawiki" && enrich::isWikidataItemTitle(row.key);
}

// The Q-ids a snapshot shows, computed from its rows.
std::set<QString> shownQids(const analytics::DashboardSnapshot& s)
{
    std::set<QString> out;
    for (const auto& row : s.topPages)
        if (isItemPage(row))
            out.insert(QString::fromStdString(row.key));
    for (const auto& e : s.recent)
        if (e.flags & event::Flag::WikidataItem)
            out.insert(QString::fromStdString(e.title));
    return out;
}

std::set<QString> toSet(const QStringList& l) { return {l.begin(), l.end()}; }

store::LabelInfo found(const QString& label)
{
    store::LabelInfo info;
    info.label = label;
    info.language = QStringLiteral("en");
    info.status = store::LabelInfo::Status::Found;
    return info;
}

std::size_t column(const std::vector<std::string>& header, const char* name)
{
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
}

} // namespace

class tst_AnalyticsLabels : public QObject {
    Q_OBJECT

private slots:
    void labelsFillRowsAndAskOnce()
    {
        const event::EventBatch events = wikidataStream();
        QVERIFY(events.size() > 5000);
        analytics::AnalyticsConfig config;
        config.lookbackMs = 3 * 3600 * 1000;
        config.recentCap = 300;
        analytics::AnalyticsEngine engine(config);
        QSignalSpy wanted(&engine, &analytics::AnalyticsEngine::labelsWanted);
        engine.ingest(events);

        auto snap = engine.buildSnapshot();
        const std::set<QString> shown = shownQids(*snap);
        QVERIFY(shown.size() > 50);
        QVERIFY(std::any_of(snap->topPages.begin(), snap->topPages.end(), isItemPage));
        QCOMPARE(wanted.count(), 1);
        const QStringList asked = wanted.at(0).at(0).toStringList();
        QCOMPARE(asked.size(), qsizetype(shown.size())); // each Q-id once
        QCOMPARE(toSet(asked), shown);                  // exactly the shown, unlabeled ones
        // Top pages come first in the request (they are what the leaderboard shows).
        QVERIFY(isItemPage(snap->topPages.front()));
        QCOMPARE(asked.front(), QString::fromStdString(snap->topPages.front().key));
        for (const auto& e : snap->recent)
            QVERIFY(e.label.empty());

        // Not asked again while the request is outstanding.
        snap = engine.buildSnapshot();
        QCOMPARE(wanted.count(), 1);

        // Answers: a few labels (one non-Latin, one that a spreadsheet would run), one missing.
        store::LabelMap labels;
        const QString topQid = QString::fromStdString(snap->topPages.front().key);
        const QString recentQid = QString::fromStdString(snap->recent.back().title);
        const QString missingQid = asked.at(asked.size() / 2);
        QVERIFY(topQid != recentQid && missingQid != topQid && missingQid != recentQid);
        labels.insert(topQid, found(QStringLiteral("Zürich, \"Stadt\" — 東京")));
        labels.insert(recentQid, found(QStringLiteral("=HYPERLINK(\"x\")")));
        labels.insert(missingQid, store::LabelInfo{});
        engine.setLabels(labels);
        snap = engine.buildSnapshot();
        QCOMPARE(wanted.count(), 1); // answered ids are known, the rest were asked recently

        QCOMPARE(QString::fromStdString(snap->topPages.front().label),
                 QStringLiteral("Zürich, \"Stadt\" — 東京"));
        QCOMPARE(snap->recent.back().label, std::string("=HYPERLINK(\"x\")"));
        std::size_t labelled = 0;
        for (const auto& e : snap->recent) {
            const QString t = QString::fromStdString(e.title);
            if (t == topQid)
                QCOMPARE(QString::fromStdString(e.label), QStringLiteral("Zürich, \"Stadt\" — 東京"));
            else if (t == recentQid)
                QCOMPARE(e.label, std::string("=HYPERLINK(\"x\")"));
            else
                QVERIFY2(e.label.empty(), e.title.c_str());
            labelled += !e.label.empty();
        }
        QVERIFY(labelled >= 1);
        for (const auto& row : snap->topPages)
            if (QString::fromStdString(row.key) != topQid)
                QVERIFY(row.label.empty());

        // CSV: the label column of top_pages.csv and recent_edits.csv, quoted and neutralised.
        QTemporaryDir dir;
        const auto result = exporter::CsvExporter::write(*snap, dir.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        const auto pages = test::readCsvFile(result.folder + QStringLiteral("/top_pages.csv"));
        QCOMPARE(pages.size(), snap->topPages.size() + 1);
        const std::size_t pageKey = column(pages[0], "key"), pageLabel = column(pages[0], "label");
        QVERIFY(pageLabel < pages[0].size() && pageKey < pages[0].size());
        QCOMPARE(pages[1][pageKey], snap->topPages.front().key);
        QCOMPARE(QString::fromStdString(pages[1][pageLabel]), QStringLiteral("Zürich, \"Stadt\" — 東京"));
        const auto recent = test::readCsvFile(result.folder + QStringLiteral("/recent_edits.csv"));
        QCOMPARE(recent.size(), snap->recent.size() + 1);
        const std::size_t title = column(recent[0], "title"), label = column(recent[0], "label");
        QVERIFY(label < recent[0].size());
        QCOMPARE(recent.back()[title], snap->recent.back().title);
        QCOMPARE(recent.back()[label], std::string("'=HYPERLINK(\"x\")"));
        for (std::size_t i = 0; i < snap->recent.size(); ++i)
            if (snap->recent[i].label.empty())
                QCOMPARE(recent[i + 1][label], std::string());

        // Later edits bring new items: only those are asked for.
        event::EventBatch more = test::loadRecording(QStringLiteral("editgroups.ndjson"));
        std::vector<std::string> newQids;
        for (std::size_t i = 0; i < 40; ++i) {
            event::EditEvent e = more[i];
            e.timeMs = events.back().timeMs + 1000 + static_cast<std::int64_t>(i);
            e.title = "Q9" + std::to_string(900000000 + i);
            QVERIFY(e.has(event::Flag::WikidataItem));
            newQids.push_back(e.title);
            more.push_back(e);
        }
        engine.ingest(event::EventBatch(more.end() - 40, more.end()));
        snap = engine.buildSnapshot();
        QCOMPARE(wanted.count(), 2);
        std::set<QString> expected;
        for (const QString& q : shownQids(*snap))
            if (!toSet(asked).count(q))
                expected.insert(q);
        QCOMPARE(toSet(wanted.at(1).at(0).toStringList()), expected);
        for (const std::string& q : newQids)
            QVERIFY(expected.count(QString::fromStdString(q)));
    }

    // With the default 5,000 recent edits there are more unlabeled items than one request takes:
    // each tick asks for the next ones, never the same twice.
    void requestsAreBoundedAndDistinct()
    {
        analytics::AnalyticsConfig config;
        config.lookbackMs = 3 * 3600 * 1000;
        analytics::AnalyticsEngine engine(config);
        QSignalSpy wanted(&engine, &analytics::AnalyticsEngine::labelsWanted);
        engine.ingest(wikidataStream());
        const std::set<QString> shown = shownQids(*engine.buildSnapshot());
        QVERIFY(shown.size() > analytics::WikidataLabels::kMaxWantedPerTick * 2);
        std::set<QString> all;
        while (wanted.count() < 20) {
            const int before = wanted.count();
            engine.buildSnapshot();
            if (wanted.count() == before)
                break;
        }
        for (const auto& args : wanted) {
            const QStringList ids = args.at(0).toStringList();
            QVERIFY(ids.size() <= qsizetype(analytics::WikidataLabels::kMaxWantedPerTick));
            for (const QString& id : ids)
                QVERIFY2(all.insert(id).second, qPrintable(id)); // never asked twice
        }
        QCOMPARE(all, shown);
    }

    void cacheIsBoundedLeastRecentlyUsedFirst()
    {
        analytics::WikidataLabels labels(3);
        store::LabelMap m;
        m.insert(QStringLiteral("Q1"), found(QStringLiteral("one")));
        m.insert(QStringLiteral("Q2"), found(QStringLiteral("two")));
        m.insert(QStringLiteral("Q3"), found(QStringLiteral("three")));
        labels.set(m);
        QCOMPARE(labels.size(), std::size_t(3));
        QVERIFY(labels.lookup("Q1")); // Q1 used: Q2 or Q3 is now the oldest
        store::LabelMap more;
        more.insert(QStringLiteral("Q4"), found(QStringLiteral("four")));
        labels.set(more);
        QCOMPARE(labels.size(), std::size_t(3));
        QVERIFY(labels.lookup("Q1"));
        QCOMPARE(*labels.lookup("Q4"), std::string("four"));
        QCOMPARE(int(bool(labels.lookup("Q2"))) + int(bool(labels.lookup("Q3"))), 1);
        // An evicted id may be asked for again; a cached one never.
        const QStringList ask = labels.takeWanted({"Q1", "Q2", "Q3", "Q4", "Q2"}, 0);
        QCOMPARE(ask.size(), 1);
        QVERIFY(ask.front() == QStringLiteral("Q2") || ask.front() == QStringLiteral("Q3"));
        QVERIFY(labels.takeWanted({"Q2", "Q3"}, 1000).size() <= 1);
        // After the retry delay, an unanswered id is asked again.
        QCOMPARE(labels.takeWanted({ask.front().toStdString()},
                                   analytics::WikidataLabels::kRetryMs + 1)
                     .size(),
                 1);
    }
};

QTEST_GUILESS_MAIN(tst_AnalyticsLabels)
#include "tst_AnalyticsLabels.moc"
