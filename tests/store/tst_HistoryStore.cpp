// The history store against real SQLite files in a temporary directory: minutes survive a
// restart, hourly rollups, the weekday x hour average with empty hours, retention, the startup
// fill, a v1 file migrated forward, and the queued request/answer API across a real QThread.

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sqlite3.h>

#include "store/HistorySchema.h"
#include "store/HistoryStore.h"
#include "store/SqliteStatement.h"

using namespace wt;
using namespace wt::store;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kDay = 24 * kHour;
constexpr qint64 kMonday = 1'704'067'200'000; // 2024-01-01T00:00:00Z, a Monday

analytics::MinuteCounts counts(std::uint64_t events, std::uint64_t bots = 0)
{
    analytics::MinuteCounts c;
    c.events = events;
    c.bots = bots;
    c.registered = events - bots;
    c.bytesAdded = std::int64_t(events) * 100;
    c.bytesRemoved = std::int64_t(events) * 10;
    c.newPages = events / 4;
    c.byType[0] = events - events / 4;
    c.byType[1] = events / 4;
    return c;
}

// A minute with the given per-wiki event counts; the total is their sum.
analytics::MinuteSummaryPtr minute(qint64 startMs, const std::vector<std::pair<std::string, std::uint64_t>>& wikis)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = startMs;
    std::uint64_t total = 0;
    for (const auto& [wiki, events] : wikis) {
        m->perWiki.push_back({wiki, counts(events, events / 3)});
        total += events;
    }
    std::sort(m->perWiki.begin(), m->perWiki.end(), [](const auto& a, const auto& b) { return a.wiki < b.wiki; });
    m->total = counts(total, 0);
    m->total.bots = 0;
    for (const auto& w : m->perWiki)
        m->total.bots += w.counts.bots;
    m->total.registered = total - m->total.bots;
    return m;
}

HistoryStoreConfig configFor(const QString& path)
{
    HistoryStoreConfig c;
    c.database.path = path;
    c.heatmapZone = QTimeZone::utc();
    c.clock = [] { return kMonday + 10 * kDay; };
    return c;
}

} // namespace

class HistoryStoreTest : public QObject {
    Q_OBJECT
private slots:
    void minutesSurviveRestart();
    void hourlyRollupsFollowMinutes();
    void restoredMinuteReplacesNotAdds();
    void heatmapCountsEmptyHoursAsZero();
    void retentionPrunesOldRows();
    void startupFillGivesTotalsAndWikis();
    void migratesVersion1File();
    void refusesNewerSchema();
    void queuedApiAcrossThread();
};

void HistoryStoreTest::minutesSurviveRestart()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("history.sqlite"));
    {
        HistoryStore store(configFor(path));
        QVERIFY(store.openNow());
        for (int i = 0; i < 10; ++i)
            store.storeMinute(minute(kMonday + i * kMin, {{"enwiki", 10 + i}, {"dewiki", 5}}));
        // Fewer than a batch: still queued until the timer or the destructor commits.
        QCOMPARE(store.stats().pendingMinutes, 10);
    } // destructor commits
    HistoryStore store(configFor(path));
    QVERIFY(store.openNow());
    QCOMPARE(store.database().schemaVersion(), schema::kCurrentVersion);
    const auto total = store.minutes(kMonday, kMonday + 12 * kMin, QString());
    QCOMPARE(total.size(), 12);
    QVERIFY(total[0].covered);
    QCOMPARE(total[0].counts.events, quint64(15));
    QCOMPARE(total[9].counts.events, quint64(24));
    QCOMPARE(total[9].counts.bytesAdded, qint64(2400));
    QCOMPARE(total[9].counts.byType[1], quint64(6));
    QVERIFY(!total[10].covered);
    QCOMPARE(total[10].counts.events, quint64(0));
    const auto en = store.minutes(kMonday, kMonday + 10 * kMin, QStringLiteral("enwiki"));
    QCOMPARE(en[3].counts.events, quint64(13));
    QCOMPARE(en[3].counts.bots, quint64(4));
    QCOMPARE(store.database().knownWikis(), QStringList({QStringLiteral("dewiki"), QStringLiteral("enwiki")}));
    QCOMPARE(store.database().integrityCheck(), QStringLiteral("ok"));
    QVERIFY(store.stats().error.isEmpty());
}

void HistoryStoreTest::hourlyRollupsFollowMinutes()
{
    QTemporaryDir dir;
    HistoryStore store(configFor(dir.filePath(QStringLiteral("h.sqlite"))));
    QVERIFY(store.openNow());
    // 90 minutes from 00:30: 30 in hour 0, 60 in hour 1; dewiki only in even minutes.
    for (int i = 30; i < 120; ++i) {
        std::vector<std::pair<std::string, std::uint64_t>> w{{"enwiki", 2}};
        if (i % 2 == 0)
            w.push_back({"dewiki", 3});
        store.storeMinute(minute(kMonday + i * kMin, w));
    }
    const auto hours = store.hourly(kMonday, kMonday + 3 * kHour, QString());
    QCOMPARE(hours.size(), 3);
    QCOMPARE(hours[0].coveredMinutes, 30);
    QCOMPARE(hours[1].coveredMinutes, 60);
    QCOMPARE(hours[2].coveredMinutes, 0);
    QCOMPARE(hours[0].counts.events, quint64(30 * 2 + 15 * 3));
    QCOMPARE(hours[1].counts.events, quint64(60 * 2 + 30 * 3));
    QCOMPARE(hours[1].counts.bytesAdded, qint64(60 * 200 + 30 * 300));
    const auto de = store.hourly(kMonday, kMonday + 3 * kHour, QStringLiteral("dewiki"));
    QCOMPARE(de[0].counts.events, quint64(45));
    QCOMPARE(de[1].counts.events, quint64(90));
    QCOMPARE(de[1].coveredMinutes, 60); // coverage is WikiTide's, not the wiki's
    QCOMPARE(de[1].counts.bots, quint64(30));
    // Rollups equal the sum of the minutes they cover.
    const auto mins = store.minutes(kMonday + kHour, kMonday + 2 * kHour, QStringLiteral("dewiki"));
    quint64 sum = 0;
    for (const auto& p : mins)
        sum += p.counts.events;
    QCOMPARE(sum, de[1].counts.events);
    QVERIFY(store.stats().batches >= 2); // 90 minutes: one batch of 64 plus the rest
}

void HistoryStoreTest::restoredMinuteReplacesNotAdds()
{
    QTemporaryDir dir;
    HistoryStore store(configFor(dir.filePath(QStringLiteral("r.sqlite"))));
    QVERIFY(store.openNow());
    store.storeMinute(minute(kMonday, {{"enwiki", 10}, {"frwiki", 4}}));
    store.storeMinute(minute(kMonday + kMin, {{"enwiki", 1}}));
    QVERIFY(store.commitNow());
    // The same minute closed again (late events): replaced, and the hour recomputed.
    store.storeMinute(minute(kMonday, {{"enwiki", 12}}));
    const auto hours = store.hourly(kMonday, kMonday + kHour, QString());
    QCOMPARE(hours[0].coveredMinutes, 2);
    QCOMPARE(hours[0].counts.events, quint64(13));
    QCOMPARE(store.hourly(kMonday, kMonday + kHour, QStringLiteral("frwiki"))[0].counts.events, quint64(0));
    QCOMPARE(store.hourly(kMonday, kMonday + kHour, QStringLiteral("enwiki"))[0].counts.events, quint64(13));
    QCOMPARE(store.minutes(kMonday, kMonday + kMin, QStringLiteral("frwiki"))[0].counts.events, quint64(0));
}

void HistoryStoreTest::heatmapCountsEmptyHoursAsZero()
{
    QTemporaryDir dir;
    HistoryStore store(configFor(dir.filePath(QStringLiteral("w.sqlite"))));
    QVERIFY(store.openNow());
    // Week 1, Monday 10:00-11:00: recorded, dewiki 5 events per minute (300 in the hour).
    for (int i = 0; i < 60; ++i)
        store.storeMinute(minute(kMonday + 10 * kHour + i * kMin, {{"dewiki", 5}, {"enwiki", 1}}));
    // Week 1, Monday 11:00-11:30: recorded half an hour, dewiki 2 per minute (60 events).
    for (int i = 0; i < 30; ++i)
        store.storeMinute(minute(kMonday + 11 * kHour + i * kMin, {{"dewiki", 2}, {"enwiki", 1}}));
    // Week 2, Monday 10:00-11:00: recorded, dewiki had no edit at all (only enwiki).
    const qint64 week2 = kMonday + 7 * kDay;
    for (int i = 0; i < 60; ++i)
        store.storeMinute(minute(week2 + 10 * kHour + i * kMin, {{"enwiki", 1}}));

    const WeekdayHeatmap map = store.weekdayHeatmap(QStringLiteral("dewiki"), kMonday, kMonday + 14 * kDay);
    QCOMPARE(map.fromMs, kMonday);
    QCOMPARE(map.toMs, kMonday + 14 * kDay);
    QCOMPARE(map.firstCoveredMs, kMonday + 10 * kHour);
    QCOMPARE(map.lastCoveredMs, week2 + 10 * kHour);
    // The empty week-2 hour counts as zero: (300 + 0) / 2 hours, not 300.
    QCOMPARE(map.coveredHours[0][10], 2.0);
    QCOMPARE(map.events[0][10], quint64(300));
    QCOMPARE(map.average[0][10], 150.0);
    // Half an hour recorded: 60 events in 30 minutes is 120 per hour.
    QCOMPARE(map.coveredHours[0][11], 0.5);
    QCOMPARE(map.average[0][11], 120.0);
    // Hours WikiTide never recorded are not zeros, they have no coverage at all.
    QCOMPARE(map.coveredHours[1][10], 0.0);
    QCOMPARE(map.average[1][10], 0.0);
    QCOMPARE(map.coveredHours[0][9], 0.0);

    // The range decides the span: week 1 only gives the plain hour.
    const WeekdayHeatmap week1 = store.weekdayHeatmap(QStringLiteral("dewiki"), kMonday, kMonday + 7 * kDay);
    QCOMPARE(week1.average[0][10], 300.0);
    QCOMPARE(week1.coveredHours[0][10], 1.0);
    // Total of all wikis: (360 + 60) / 2.
    const WeekdayHeatmap total = store.weekdayHeatmap(QString(), kMonday, kMonday + 14 * kDay);
    QCOMPARE(total.average[0][10], 210.0);
    // A wiki never seen: coverage still shown, all averages zero.
    const WeekdayHeatmap unknown = store.weekdayHeatmap(QStringLiteral("xxwiki"), kMonday, kMonday + 14 * kDay);
    QCOMPARE(unknown.coveredHours[0][10], 2.0);
    QCOMPARE(unknown.average[0][10], 0.0);
}

void HistoryStoreTest::retentionPrunesOldRows()
{
    QTemporaryDir dir;
    HistoryStoreConfig cfg = configFor(dir.filePath(QStringLiteral("p.sqlite")));
    const qint64 now = kMonday + 40 * kDay + 30 * kMin;
    cfg.clock = [now] { return now; };
    cfg.retentionDays = 30;
    cfg.pruneChunkMinutes = 60; // several small deletes
    HistoryStore store(cfg);
    QVERIFY(store.openNow());
    const qint64 cutoff = now - 30 * kDay; // 10 days + 30 min after kMonday
    // Minutes every 15 minutes from day 8 to day 12: some older than the cutoff, some not.
    int before = 0, after = 0;
    for (qint64 t = kMonday + 8 * kDay; t < kMonday + 12 * kDay; t += 15 * kMin) {
        store.storeMinute(minute(t, {{"enwiki", 1}, {"dewiki", 1}}));
        (t < cutoff ? before : after) += 1;
    }
    QVERIFY(store.commitNow());
    const qint64 pruned = store.pruneAll();
    QVERIFY(pruned > 0);
    const auto kept = store.minutes(kMonday + 8 * kDay, kMonday + 12 * kDay, QString());
    int covered = 0;
    for (const auto& p : kept) {
        if (p.covered) {
            ++covered;
            QVERIFY(p.minuteStartMs >= cutoff);
        }
    }
    QCOMPARE(covered, after);
    QCOMPARE(store.minutes(kMonday + 8 * kDay, cutoff, QStringLiteral("enwiki")).front().counts.events, quint64(0));
    // Hours entirely before the cutoff are gone; the cutoff's own hour stays.
    const auto hours = store.hourly(kMonday + 8 * kDay, kMonday + 12 * kDay, QString());
    for (const auto& h : hours) {
        if (h.hourStartMs + kHour <= cutoff)
            QCOMPARE(h.coveredMinutes, 0);
    }
    QCOMPARE(store.hourly(cutoff, cutoff + 1, QString())[0].coveredMinutes, 4);
    QCOMPARE(store.hourly(kMonday + 11 * kDay, kMonday + 11 * kDay + 1, QStringLiteral("dewiki"))[0].counts.events,
             quint64(4));
    QCOMPARE(store.pruneAll(), qint64(0)); // nothing left to do
    QVERIFY(before > 0);
}

void HistoryStoreTest::startupFillGivesTotalsAndWikis()
{
    QTemporaryDir dir;
    HistoryStore store(configFor(dir.filePath(QStringLiteral("s.sqlite"))));
    QVERIFY(store.openNow());
    store.storeMinute(minute(kMonday, {{"zhwiki", 1}, {"enwiki", 2}, {"arwiki", 3}}));
    store.storeMinute(minute(kMonday + 2 * kMin, {{"enwiki", 4}}));
    store.storeMinute(minute(kMonday + 3 * kMin, {}));
    store.storeMinute(minute(kMonday + 5 * kMin, {{"enwiki", 9}}));
    const StartupFill fill = store.startupFill(kMonday, kMonday + 5 * kMin);
    QCOMPARE(fill.minutes.size(), 3);
    QCOMPARE(fill.minutes[0]->minuteStartMs, kMonday);
    QCOMPARE(fill.minutes[0]->total.events, quint64(6));
    QCOMPARE(fill.minutes[0]->perWiki.size(), std::size_t(3));
    QCOMPARE(fill.minutes[0]->perWiki[0].wiki, std::string("arwiki"));
    QCOMPARE(fill.minutes[0]->perWiki[2].wiki, std::string("zhwiki"));
    QCOMPARE(fill.minutes[0]->perWiki[2].counts.events, quint64(1));
    QCOMPARE(fill.minutes[1]->perWiki.size(), std::size_t(1));
    QCOMPARE(fill.minutes[2]->perWiki.size(), std::size_t(0));
    QCOMPARE(fill.knownWikis, QStringList({"arwiki", "enwiki", "zhwiki"}));
}

void HistoryStoreTest::migratesVersion1File()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("v1.sqlite"));
    {
        // A version-1 file written by hand, as the first release laid it out.
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        const char* v1 = R"SQL(
CREATE TABLE wikis (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE minute_totals (minute_start INTEGER PRIMARY KEY, events INTEGER NOT NULL DEFAULT 0,
  bots INTEGER NOT NULL DEFAULT 0, anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0);
CREATE TABLE wiki_minutes (minute_start INTEGER NOT NULL, wiki_id INTEGER NOT NULL, events INTEGER NOT NULL DEFAULT 0,
  bots INTEGER NOT NULL DEFAULT 0, anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (minute_start, wiki_id)) WITHOUT ROWID;
CREATE INDEX wiki_minutes_by_wiki ON wiki_minutes (wiki_id, minute_start);
CREATE TABLE hourly_totals (hour_start INTEGER PRIMARY KEY, minutes INTEGER NOT NULL DEFAULT 0,
  events INTEGER NOT NULL DEFAULT 0, bots INTEGER NOT NULL DEFAULT 0, anonymous INTEGER NOT NULL DEFAULT 0,
  temporary INTEGER NOT NULL DEFAULT 0, registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0);
CREATE TABLE wiki_hourly (hour_start INTEGER NOT NULL, wiki_id INTEGER NOT NULL, events INTEGER NOT NULL DEFAULT 0,
  bots INTEGER NOT NULL DEFAULT 0, anonymous INTEGER NOT NULL DEFAULT 0, temporary INTEGER NOT NULL DEFAULT 0,
  registered INTEGER NOT NULL DEFAULT 0, bytes_added INTEGER NOT NULL DEFAULT 0,
  bytes_removed INTEGER NOT NULL DEFAULT 0, new_pages INTEGER NOT NULL DEFAULT 0, late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hour_start, wiki_id)) WITHOUT ROWID;
INSERT INTO wikis (id, name) VALUES (1, 'enwiki'), (2, 'wikidatawiki');
INSERT INTO minute_totals (minute_start, events, bots, registered, bytes_added, late) VALUES (1704067200000, 70, 20, 50, 9000, 3);
INSERT INTO wiki_minutes (minute_start, wiki_id, events, bots) VALUES (1704067200000, 1, 30, 1), (1704067200000, 2, 40, 19);
INSERT INTO hourly_totals (hour_start, minutes, events, bots) VALUES (1704067200000, 1, 70, 20);
INSERT INTO wiki_hourly (hour_start, wiki_id, events) VALUES (1704067200000, 1, 30), (1704067200000, 2, 40);
PRAGMA user_version = 1;
)SQL";
        char* err = nullptr;
        QCOMPARE(sqlite3_exec(db, v1, nullptr, nullptr, &err), SQLITE_OK);
        sqlite3_close(db);
    }
    HistoryStore store(configFor(path));
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(store.openNow());
    QCOMPARE(errors.count(), 0);
    QCOMPARE(store.database().schemaVersion(), schema::kCurrentVersion);
    // Old data kept, new columns zero.
    auto m = store.minutes(kMonday, kMonday + kMin, QString());
    QCOMPARE(m[0].counts.events, quint64(70));
    QCOMPARE(m[0].counts.bytesAdded, qint64(9000));
    QCOMPARE(m[0].counts.late, quint64(3));
    QCOMPARE(m[0].counts.byType[0], quint64(0));
    QCOMPARE(store.minutes(kMonday, kMonday + kMin, QStringLiteral("wikidatawiki"))[0].counts.bots, quint64(19));
    QCOMPARE(store.hourly(kMonday, kMonday + kHour, QStringLiteral("enwiki"))[0].counts.events, quint64(30));
    // New minutes with per-type counts go into the same hour.
    store.storeMinute(minute(kMonday + kMin, {{"enwiki", 8}}));
    const auto h = store.hourly(kMonday, kMonday + kHour, QStringLiteral("enwiki"));
    QCOMPARE(h[0].counts.events, quint64(38));
    QCOMPARE(h[0].counts.byType[1], quint64(2));
    QCOMPARE(store.hourly(kMonday, kMonday + kHour, QString())[0].coveredMinutes, 2);
    // The label cache table of version 2 exists; version 3 packed the per-wiki rows.
    SqliteStatement st(store.database().handle(), "SELECT COUNT(*) FROM wikidata_labels");
    QCOMPARE(st.step(), SQLITE_ROW);
    SqliteStatement old(store.database().handle(), "SELECT COUNT(*) FROM wiki_minutes");
    QVERIFY(!old.valid()); // the row table is gone, its data lives on in wiki_minute_blobs
    const StartupFill fill = store.startupFill(kMonday, kMonday + 2 * kMin);
    QCOMPARE(fill.minutes.size(), 2);
    QCOMPARE(fill.minutes[0]->perWiki.size(), std::size_t(2));
    QCOMPARE(fill.minutes[0]->perWiki[1].wiki, std::string("wikidatawiki"));
    QCOMPARE(fill.minutes[0]->perWiki[1].counts.events, quint64(40));
    QCOMPARE(store.database().integrityCheck(), QStringLiteral("ok"));
}

void HistoryStoreTest::refusesNewerSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.sqlite"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "CREATE TABLE t (x); PRAGMA user_version = 99;", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    HistoryStore store(configFor(path));
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(!store.openNow());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors[0][0].toString().contains(QLatin1String("newer")), qPrintable(errors[0][0].toString()));
    QVERIFY(store.isMemoryOnly());
    store.storeMinute(minute(kMonday, {{"enwiki", 1}}));
    QVERIFY(store.minutes(kMonday, kMonday + kMin, QString()).isEmpty());
    QCOMPARE(errors.count(), 1);
}

void HistoryStoreTest::queuedApiAcrossThread()
{
    QTemporaryDir dir;
    HistoryStoreConfig cfg = configFor(dir.filePath(QStringLiteral("t.sqlite")));
    cfg.commitIntervalMs = 50;
    // The spies record the storage thread's signals the moment they are emitted; QSignalSpy::wait
    // would then wait for a further one, so the answers are awaited by polling the counts.
    QThread thread;
    auto* store = new HistoryStore(cfg);
    store->moveToThread(&thread);
    connect(&thread, &QThread::finished, store, &QObject::deleteLater);
    QSignalSpy opened(store, &HistoryStore::opened);
    QSignalSpy stats(store, &HistoryStore::writeStatsChanged);
    QSignalSpy minutesReady(store, &HistoryStore::minutesReady);
    QSignalSpy hourlyReady(store, &HistoryStore::hourlyReady);
    QSignalSpy heatmapReady(store, &HistoryStore::heatmapReady);
    QSignalSpy fillReady(store, &HistoryStore::startupFillReady);
    thread.start();
    QMetaObject::invokeMethod(store, &HistoryStore::open, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(!opened.isEmpty(), 5000);
    QCOMPARE(opened[0][1].toInt(), schema::kCurrentVersion);
    for (int i = 0; i < 5; ++i) {
        const auto m = minute(kMonday + i * kMin, {{"enwiki", 1 + i}});
        QMetaObject::invokeMethod(store, [store, m] { store->storeMinute(m); }, Qt::QueuedConnection);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!stats.isEmpty(), 5000); // the commit timer fired on the storage thread
    const WriteStats s = stats.last()[0].value<WriteStats>();
    QCOMPARE(s.minutesWritten, quint64(5));
    QVERIFY(s.lastMs > 0);
    QMetaObject::invokeMethod(store, [store] { store->requestMinutes(kMonday, kMonday + 5 * kMin, QStringLiteral("enwiki"), 7); },
                              Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(!minutesReady.isEmpty(), 5000);
    QCOMPARE(minutesReady[0][0].toULongLong(), quint64(7));
    const auto points = minutesReady[0][1].value<QVector<MinutePoint>>();
    QCOMPARE(points.size(), 5);
    QCOMPARE(points[4].counts.events, quint64(5));
    QMetaObject::invokeMethod(store, [store] { store->requestHourly(kMonday, kMonday + kHour, QString(), 8); }, Qt::QueuedConnection);
    QMetaObject::invokeMethod(store, [store] { store->requestWeekdayHeatmap(QString(), kMonday, kMonday + kDay, 9); },
                              Qt::QueuedConnection);
    QMetaObject::invokeMethod(store, [store] { store->requestStartupFill(kMonday, kMonday + kHour); }, Qt::QueuedConnection);
    QTRY_VERIFY_WITH_TIMEOUT(!fillReady.isEmpty(), 5000);
    QCOMPARE(hourlyReady.count(), 1);
    QCOMPARE(hourlyReady[0][1].value<QVector<HourPoint>>()[0].counts.events, quint64(15));
    QCOMPARE(heatmapReady.count(), 1);
    QCOMPARE(heatmapReady[0][1].value<WeekdayHeatmap>().average[0][0], 15.0 * 60 / 5);
    QCOMPARE(fillReady[0][0].value<StartupFill>().minutes.size(), 5);
    thread.quit();
    QVERIFY(thread.wait(5000));
}

QTEST_GUILESS_MAIN(HistoryStoreTest)
#include "tst_HistoryStore.moc"
