// The newest hour's per-wiki rollup kept in memory: it equals the rollup SQL rebuilds from the
// stored minutes, across a clean restart mid-hour and after a stop that never wrote it (the
// store_state marker); plus the blob codec's edge values and the start-up fill's detail span.

#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "store/HistoryDatabase.h"
#include "store/HistoryStore.h"
#include "store/SqliteStatement.h"
#include "store/WikiCountsCodec.h"

using namespace wt;
using namespace wt::store;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kHour = 3'600'000;
constexpr qint64 kT0 = 1'704'067'200'000; // 2024-01-01T00:00:00Z

// Minute i: wikis w0..w(n-1) with counts that differ per wiki and minute; some wikis skip
// some minutes, so the hour holds entries that not every minute has.
analytics::MinuteSummaryPtr minute(int i, int wikis = 40)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = kT0 + qint64(i) * kMin;
    for (int w = 0; w < wikis; ++w) {
        if ((i + w) % 5 == 0)
            continue;
        analytics::WikiMinute wm;
        char name[16];
        std::snprintf(name, sizeof name, "w%03dwiki", w);
        wm.wiki = name;
        auto& c = wm.counts;
        c.events = std::uint64_t(1 + (i * 7 + w * 3) % 11);
        c.bots = c.events / 2;
        c.registered = c.events - c.bots;
        c.bytesAdded = std::int64_t(c.events) * (100 + w);
        c.bytesRemoved = std::int64_t(i % 3) * 17;
        c.byType[std::size_t(w % 6)] = c.events;
        c.late = std::uint64_t(i % 2);
        codec::addCounts(m->total, c);
        m->perWiki.push_back(std::move(wm));
    }
    return m;
}

std::vector<analytics::MinuteSummaryPtr> minutes(int from, int to)
{
    std::vector<analytics::MinuteSummaryPtr> out;
    for (int i = from; i < to; ++i)
        out.push_back(minute(i));
    return out;
}

// What SQL rebuilds for an hour: the sum of its stored minute blobs.
codec::WikiAccumulator rebuiltFromMinutes(sqlite3* db, qint64 hourStart)
{
    codec::WikiAccumulator acc;
    SqliteStatement st(db, "SELECT data FROM wiki_minute_blobs WHERE minute_start >= ?1 AND minute_start < ?2");
    st.bind(1, hourStart);
    st.bind(2, hourStart + kHour);
    while (st.step() == SQLITE_ROW)
        acc.addBlob(st.blobView(0));
    return acc;
}

codec::WikiAccumulator storedHour(sqlite3* db, qint64 hourStart)
{
    codec::WikiAccumulator acc;
    SqliteStatement st(db, "SELECT data FROM wiki_hour_blobs WHERE hour_start = ?1");
    st.bind(1, hourStart);
    if (st.step() == SQLITE_ROW)
        acc.addBlob(st.blobView(0));
    return acc;
}

qint64 marker(sqlite3* db)
{
    SqliteStatement st(db, "SELECT value FROM store_state WHERE key = 'open_hour'");
    return st.step() == SQLITE_ROW ? st.int64(0) : -1;
}

} // namespace

class HistoryRollupTest : public QObject {
    Q_OBJECT
private slots:
    void codecRoundTripsEdgeValues();
    void openHourEqualsRebuildAcrossCleanRestart();
    void unwrittenHourIsRebuiltOnOpen();
    void hourlyQueryAnswersFromOpenHour();
    void startupFillDetailSpan();
};

void HistoryRollupTest::codecRoundTripsEdgeValues()
{
    // Every field at 10 bytes: a 150-byte payload, so the length takes two bytes.
    constexpr std::uint64_t kTop = 1ULL << 63;
    analytics::MinuteCounts big;
    big.events = std::numeric_limits<std::uint64_t>::max();
    big.bots = kTop;
    big.anonymous = kTop + 127;
    big.temporary = kTop + 128;
    big.registered = kTop + 1;
    big.bytesAdded = std::numeric_limits<std::int64_t>::max();
    big.bytesRemoved = std::numeric_limits<std::int64_t>::min(); // negative: zig-zag
    big.newPages = kTop + 300;
    for (std::size_t i = 0; i < big.byType.size(); ++i)
        big.byType[i] = kTop + i;
    big.late = kTop + 56;
    analytics::MinuteCounts small;
    small.events = 3;
    small.bytesRemoved = -5;
    std::string blob;
    codec::append(blob, 0, small);
    const std::size_t first = blob.size();
    codec::append(blob, 300, big); // a payload over 127 bytes: two-byte length
    const std::size_t second = blob.size();
    QCOMPARE(second - first, std::size_t(2 + 2 + 150));
    codec::append(blob, 1LL << 40, small);
    std::vector<std::pair<std::int64_t, analytics::MinuteCounts>> seen;
    QVERIFY(codec::decode(blob, [&](std::int64_t id, const analytics::MinuteCounts& c) { seen.emplace_back(id, c); }));
    QCOMPARE(seen.size(), std::size_t(3));
    QCOMPARE(seen[1].first, std::int64_t(300));
    QCOMPARE(std::memcmp(&seen[1].second, &big, sizeof big), 0);
    QCOMPARE(std::memcmp(&seen[0].second, &small, sizeof small), 0);
    QCOMPARE(seen[2].first, std::int64_t(1) << 40);
    QCOMPARE(codec::find(blob, 300)->bytesRemoved, big.bytesRemoved);
    QVERIFY(!codec::find(blob, 301));
    // A cut inside an entry is malformed (and never read past); a cut between entries is not.
    for (std::size_t cut = 1; cut < blob.size(); ++cut) {
        const bool ok = codec::decode(std::string_view(blob).substr(0, cut), [](auto, const auto&) {});
        QCOMPARE(ok, cut == first || cut == second);
    }
}

void HistoryRollupTest::openHourEqualsRebuildAcrossCleanRestart()
{
    QTemporaryDir dir;
    DatabaseOptions options;
    options.path = dir.filePath(QStringLiteral("h.sqlite"));
    {
        HistoryDatabase db(options);
        QVERIFY(db.open().ok());
        // One minute per commit, as live: 20 minutes of hour 0, then 25 of hour 1.
        for (int i = 40; i < 85; ++i)
            QVERIFY(db.writeMinutes({minute(i)}).ok());
        QVERIFY(db.openHour());
        QCOMPARE(db.openHour()->hourStartMs, kT0 + kHour);
        QVERIFY(db.openHour()->wikis == rebuiltFromMinutes(db.handle(), kT0 + kHour));
        // Hour 0 was written when hour 1 started; hour 1 only lives in memory and is marked.
        QVERIFY(storedHour(db.handle(), kT0) == rebuiltFromMinutes(db.handle(), kT0));
        QVERIFY(!(storedHour(db.handle(), kT0 + kHour) == rebuiltFromMinutes(db.handle(), kT0 + kHour)));
        QCOMPARE(marker(db.handle()), kT0 + kHour);
    } // clean close writes the open hour
    HistoryDatabase db(options);
    QVERIFY(db.open().ok());
    QCOMPARE(marker(db.handle()), qint64(-1));
    QVERIFY(storedHour(db.handle(), kT0 + kHour) == rebuiltFromMinutes(db.handle(), kT0 + kHour));
    // Restarted mid-hour: the rest of hour 1 adds to what the file holds, in batches too.
    QVERIFY(db.writeMinutes(minutes(85, 90)).ok());
    for (int i = 90; i < 100; ++i)
        QVERIFY(db.writeMinutes({minute(i)}).ok());
    QVERIFY(db.openHour()->wikis == rebuiltFromMinutes(db.handle(), kT0 + kHour));
    // A minute stored again (re-closed after late events) rebuilds, never adds twice.
    auto again = std::make_shared<analytics::MinuteSummary>(*minute(70));
    again->perWiki[0].counts.events += 100;
    again->total.events += 100;
    QVERIFY(db.writeMinutes({again}).ok());
    QVERIFY(db.writeMinutes({minute(100)}).ok());
    QVERIFY(db.openHour()->wikis == rebuiltFromMinutes(db.handle(), kT0 + kHour));
    QVERIFY(db.flushOpenHour().ok());
    QVERIFY(storedHour(db.handle(), kT0 + kHour) == rebuiltFromMinutes(db.handle(), kT0 + kHour));
    QCOMPARE(marker(db.handle()), qint64(-1));
    // The totals' rollup counts every minute once.
    SqliteStatement st(db.handle(), "SELECT minutes FROM hourly_totals WHERE hour_start = ?1");
    st.bind(1, kT0 + kHour);
    QCOMPARE(st.step(), SQLITE_ROW);
    QCOMPARE(st.int64(0), qint64(41));
}

void HistoryRollupTest::unwrittenHourIsRebuiltOnOpen()
{
    QTemporaryDir dir;
    DatabaseOptions options;
    options.path = dir.filePath(QStringLiteral("k.sqlite"));
    {
        HistoryDatabase db(options);
        QVERIFY(db.open().ok());
        for (int i = 0; i < 30; ++i)
            QVERIFY(db.writeMinutes({minute(i)}).ok());
        QCOMPARE(marker(db.handle()), kT0);
        db.close(); // as after a kill (or a failure): the open hour is never written
    }
    {
        // What the file holds before repair: minutes committed, their hour's rollup behind.
        sqlite3* raw = nullptr;
        QCOMPARE(sqlite3_open(options.path.toUtf8().constData(), &raw), SQLITE_OK);
        QCOMPARE(marker(raw), kT0);
        QVERIFY(!(storedHour(raw, kT0) == rebuiltFromMinutes(raw, kT0)));
        sqlite3_close(raw);
    }
    HistoryDatabase db(options);
    QVERIFY(db.open().ok());
    QCOMPARE(marker(db.handle()), qint64(-1));
    QVERIFY(storedHour(db.handle(), kT0) == rebuiltFromMinutes(db.handle(), kT0));
    for (int i = 30; i < 45; ++i)
        QVERIFY(db.writeMinutes({minute(i)}).ok());
    QVERIFY(db.openHour()->wikis == rebuiltFromMinutes(db.handle(), kT0));
}

void HistoryRollupTest::hourlyQueryAnswersFromOpenHour()
{
    QTemporaryDir dir;
    HistoryStoreConfig cfg;
    cfg.database.path = dir.filePath(QStringLiteral("q.sqlite"));
    cfg.commitBatchMinutes = 1;
    HistoryStore store(cfg);
    QVERIFY(store.openNow());
    for (int i = 0; i < 20; ++i)
        store.storeMinute(minute(i));
    // Per wiki, the hour (only in memory so far) equals the sum of its minutes.
    for (const char* wiki : {"w000wiki", "w007wiki", "w039wiki"}) {
        const QString name = QString::fromLatin1(wiki);
        std::uint64_t events = 0;
        std::int64_t added = 0;
        for (const MinutePoint& p : store.minutes(kT0, kT0 + kHour, name)) {
            events += p.counts.events;
            added += p.counts.bytesAdded;
        }
        QVERIFY(events > 0);
        const auto hours = store.hourly(kT0, kT0 + kHour, name);
        QCOMPARE(hours.size(), 1);
        QCOMPARE(hours[0].counts.events, events);
        QCOMPARE(hours[0].counts.bytesAdded, added);
        QCOMPARE(hours[0].coveredMinutes, 20);
    }
    QCOMPARE(store.hourly(kT0, kT0 + kHour, QStringLiteral("nowiki"))[0].counts.events, quint64(0));
}

void HistoryRollupTest::startupFillDetailSpan()
{
    QTemporaryDir dir;
    HistoryStoreConfig cfg;
    cfg.database.path = dir.filePath(QStringLiteral("f.sqlite"));
    HistoryStore store(cfg);
    QVERIFY(store.openNow());
    for (int i = 0; i < 120; ++i)
        if (i != 100) // a minute WikiTide did not record
            store.storeMinute(minute(i));
    const qint64 to = kT0 + 125 * kMin;
    const StartupFill fill = store.startupFill(kT0, to, to - 30 * kMin);
    QCOMPARE(fill.detailFromMs, to - 30 * kMin);
    // Totals: every minute of the range, stored or not.
    QCOMPARE(fill.totals.size(), 125);
    QCOMPARE(fill.totals[0].minuteStartMs, kT0);
    QVERIFY(fill.totals[0].covered);
    QCOMPARE(fill.totals[7].counts.events, minute(7)->total.events);
    QVERIFY(!fill.totals[100].covered);
    QVERIFY(!fill.totals[121].covered);
    // Per wiki: only the stored minutes of the detail span (95..119 without 100).
    QCOMPARE(fill.minutes.size(), 24);
    QCOMPARE(fill.minutes.front()->minuteStartMs, kT0 + 95 * kMin);
    const auto expected = minute(95);
    QCOMPARE(fill.minutes.front()->perWiki.size(), expected->perWiki.size());
    for (std::size_t w = 0; w < expected->perWiki.size(); ++w) {
        QCOMPARE(fill.minutes.front()->perWiki[w].wiki, expected->perWiki[w].wiki);
        QCOMPARE(fill.minutes.front()->perWiki[w].counts.events, expected->perWiki[w].counts.events);
    }
    QCOMPARE(fill.knownWikis.size(), 40);
    // The default keeps the whole range per wiki; a detail start outside the range is clamped.
    QCOMPARE(store.startupFill(kT0, to).minutes.size(), 119);
    QCOMPARE(store.startupFill(kT0 + 110 * kMin, to, kT0).detailFromMs, kT0 + 110 * kMin);
    const StartupFill none = store.startupFill(kT0, to, to + kHour);
    QCOMPARE(none.detailFromMs, to);
    QVERIFY(none.minutes.isEmpty());
    QCOMPARE(none.totals.size(), 125);
}

QTEST_GUILESS_MAIN(HistoryRollupTest)
#include "tst_HistoryRollup.moc"
