// A real kill in the middle of writing: this test binary re-runs itself as a writer
// (--crash-writer PATH) that commits batches of minutes in a loop and reports each commit on
// stdout; the test SIGKILLs it mid-way, reopens the file and checks that it is intact and holds
// every minute reported committed, each with all its wiki rows and matching rollups.

#include <cstdio>

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>

#include "store/HistoryDatabase.h"
#include "store/SqliteStatement.h"
#include "store/WikiCountsCodec.h"

using namespace wt;
using namespace wt::store;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kT0 = 1'704'067'200'000;
constexpr int kWikisPerMinute = 200;
constexpr int kMinutesPerBatch = 8;

analytics::MinuteSummaryPtr minute(qint64 index)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = kT0 + index * kMin;
    for (int i = 0; i < kWikisPerMinute; ++i) {
        analytics::WikiMinute w;
        w.wiki = "wiki" + std::to_string(1000 + i);
        w.counts.events = std::uint64_t(1 + (index + i) % 7);
        m->total.events += w.counts.events;
        m->perWiki.push_back(std::move(w));
    }
    return m;
}

qint64 scalar(sqlite3* db, const char* sql)
{
    SqliteStatement st(db, sql);
    return st.step() == SQLITE_ROW ? st.int64(0) : -1;
}

// Entries and summed events of all per-wiki blobs of a table.
std::pair<qint64, qint64> blobTotals(sqlite3* db, const char* table)
{
    SqliteStatement st(db, std::string("SELECT data FROM ") + table);
    qint64 entries = 0, events = 0;
    while (st.step() == SQLITE_ROW) {
        const bool ok = codec::decode(st.blobView(0), [&](std::int64_t, const analytics::MinuteCounts& c) {
            ++entries;
            events += qint64(c.events);
        });
        if (!ok)
            return {-1, -1};
    }
    return {entries, events};
}

// The child: continue after the last stored minute, forever (until killed).
int runWriter(const char* path)
{
    DatabaseOptions options;
    options.path = QString::fromLocal8Bit(path);
    HistoryDatabase db(options);
    if (!db.open().ok())
        return 2;
    qint64 next = scalar(db.handle(), "SELECT COUNT(*) FROM minute_totals");
    for (int batch = 0; batch < 100'000; ++batch) {
        std::vector<analytics::MinuteSummaryPtr> minutes;
        for (int i = 0; i < kMinutesPerBatch; ++i)
            minutes.push_back(minute(next++));
        if (!db.writeMinutes(minutes).ok())
            return 3;
        std::printf("committed %lld\n", static_cast<long long>(next)); // minutes [0, next) stored
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

class HistoryCrashTest : public QObject {
    Q_OBJECT
private slots:
    void killMidWriteLosesOnlyUncommitted();
};

void HistoryCrashTest::killMidWriteLosesOnlyUncommitted()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
    qint64 reported = 0;
    for (int round = 0; round < 3; ++round) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--crash-writer"), path});
        QVERIFY(writer.waitForStarted(10'000));
        // Let it commit a few batches past the previous round, then kill it while it writes.
        const qint64 target = reported + kMinutesPerBatch * (5 + round * 3);
        QByteArray pending;
        while (reported < target) {
            QVERIFY2(writer.waitForReadyRead(20'000), "the writer stopped reporting commits");
            pending += writer.readAllStandardOutput();
            qsizetype nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(nl);
                pending.remove(0, nl + 1);
                if (line.startsWith("committed "))
                    reported = line.mid(10).toLongLong();
            }
        }
        writer.kill(); // SIGKILL: no destructor, no flush, no rollback
        QVERIFY(writer.waitForFinished(10'000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);
        // Commits the child made after its last line we read also count as committed.
        pending += writer.readAllStandardOutput();
        for (const QByteArray& line : pending.split('\n'))
            if (line.startsWith("committed "))
                reported = std::max(reported, line.mid(10).toLongLong());

        DatabaseOptions options;
        options.path = path;
        HistoryDatabase db(options);
        const DbResult opened = db.open();
        QVERIFY2(opened.ok(), qPrintable(opened.message));
        QCOMPARE(db.integrityCheck(), QStringLiteral("ok"));
        sqlite3* h = db.handle();
        const qint64 stored = scalar(h, "SELECT COUNT(*) FROM minute_totals");
        // Everything reported is there; at most the batch being written when killed is more.
        QVERIFY2(stored >= reported, qPrintable(QStringLiteral("stored %1 < reported %2").arg(stored).arg(reported)));
        QVERIFY(stored <= reported + kMinutesPerBatch);
        QVERIFY(stored % kMinutesPerBatch == 0); // whole transactions only
        QCOMPARE(scalar(h, "SELECT MAX(minute_start) FROM minute_totals"), kT0 + (stored - 1) * kMin);
        QCOMPARE(scalar(h, "SELECT COUNT(*) FROM wiki_minute_blobs"), stored);
        const auto [wikiRows, wikiEvents] = blobTotals(h, "wiki_minute_blobs");
        QCOMPARE(wikiRows, stored * kWikisPerMinute);
        // Rollups were committed with their minutes.
        QCOMPARE(scalar(h, "SELECT SUM(minutes) FROM hourly_totals"), stored);
        QCOMPARE(scalar(h, "SELECT SUM(events) FROM hourly_totals"), scalar(h, "SELECT SUM(events) FROM minute_totals"));
        QCOMPARE(wikiEvents, scalar(h, "SELECT SUM(events) FROM minute_totals"));
        QCOMPARE(blobTotals(h, "wiki_hour_blobs").second, wikiEvents);
        reported = stored;
    }
}

int main(int argc, char** argv)
{
    if (argc >= 3 && qstrcmp(argv[1], "--crash-writer") == 0)
        return runWriter(argv[2]);
    QCoreApplication app(argc, argv);
    HistoryCrashTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_HistoryCrash.moc"
