// A history file that is locked, read-only, corrupt or full gives one clear storageError and
// the store goes on in memory (writes become no-ops, queries answer empty). Real SQLite files
// and real SQLite error paths: a second connection's lock, SQLITE_OPEN_READONLY, garbage over
// the header, PRAGMA max_page_count for a real SQLITE_FULL.

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <sqlite3.h>
#include <unistd.h>

#include "store/HistorySchema.h"
#include "store/HistoryStore.h"

using namespace wt;
using namespace wt::store;

namespace {

constexpr qint64 kMin = 60'000;
constexpr qint64 kT0 = 1'704'067'200'000;

analytics::MinuteSummaryPtr minute(qint64 startMs, int wikis)
{
    auto m = std::make_shared<analytics::MinuteSummary>();
    m->minuteStartMs = startMs;
    for (int i = 0; i < wikis; ++i) {
        analytics::WikiMinute w;
        w.wiki = "wiki" + std::to_string(1000 + i);
        w.counts.events = std::uint64_t(i + 1);
        m->total.events += w.counts.events;
        m->perWiki.push_back(std::move(w));
    }
    return m;
}

HistoryStoreConfig configFor(const QString& path)
{
    HistoryStoreConfig c;
    c.database.path = path;
    c.database.busyTimeoutMs = 100;
    return c;
}

// Creates a current-schema file with `minutes` committed minutes.
void createFile(const QString& path, int minutes)
{
    HistoryStore store(configFor(path));
    QVERIFY(store.openNow());
    for (int i = 0; i < minutes; ++i)
        store.storeMinute(minute(kT0 + i * kMin, 3));
    QVERIFY(store.commitNow());
}

// After the failure: one message only, memory-only, writes no-ops, queries empty.
void checkMemoryOnly(HistoryStore& store, QSignalSpy& errors)
{
    QVERIFY(store.isMemoryOnly());
    store.storeMinute(minute(kT0 + 1000 * kMin, 2));
    store.storeMinute(minute(kT0 + 1001 * kMin, 2));
    QVERIFY(!store.commitNow());
    QVERIFY(store.minutes(kT0, kT0 + 10 * kMin, QString()).isEmpty());
    QVERIFY(store.hourly(kT0, kT0 + 10 * kMin, QString()).isEmpty());
    QVERIFY(store.startupFill(kT0, kT0 + 10 * kMin).minutes.isEmpty());
    QCOMPARE(errors.count(), 1);
    QVERIFY(store.stats().memoryOnly);
    QVERIFY(store.stats().minutesDropped >= 2);
    QVERIFY(!store.stats().error.isEmpty());
}

} // namespace

class HistoryRobustnessTest : public QObject {
    Q_OBJECT
private slots:
    void lockedByAnotherConnection();
    void readOnlyOpenFlag();
    void readOnlyOldSchemaCannotMigrate();
    void readOnlyFilePermissions();
    void corruptHeader();
    void fullDisk();
    void disabledStoreIsSilent();
};

void HistoryRobustnessTest::lockedByAnotherConnection()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("locked.sqlite"));
    createFile(path, 2);
    sqlite3* other = nullptr;
    QCOMPARE(sqlite3_open(path.toUtf8().constData(), &other), SQLITE_OK);
    QCOMPARE(sqlite3_exec(other, "BEGIN IMMEDIATE; INSERT INTO wikis (name) VALUES ('holder');", nullptr, nullptr, nullptr),
             SQLITE_OK);

    HistoryStore store(configFor(path));
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(store.openNow()); // WAL: reading is fine, the writer lock is taken
    store.storeMinute(minute(kT0 + 10 * kMin, 3));
    QVERIFY(!store.commitNow());
    QCOMPARE(errors.count(), 1);
    const QString message = errors[0][0].toString();
    QVERIFY2(message.contains(QLatin1String("locked")) && message.contains(path), qPrintable(message));
    checkMemoryOnly(store, errors);

    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    HistoryStore again(configFor(path)); // nothing was damaged
    QVERIFY(again.openNow());
    QCOMPARE(again.database().integrityCheck(), QStringLiteral("ok"));
    QVERIFY(again.minutes(kT0, kT0 + kMin, QString())[0].covered);
}

void HistoryRobustnessTest::readOnlyOpenFlag()
{
    // Tests run as root, where chmod does not stop writes; SQLITE_OPEN_READONLY (the option a
    // read-only medium needs) puts SQLite itself in read-only mode, which the store detects.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ro.sqlite"));
    createFile(path, 2);
    HistoryStoreConfig cfg = configFor(path);
    cfg.database.readOnly = true;
    HistoryStore store(cfg);
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(!store.openNow());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors[0][0].toString().contains(QLatin1String("read-only")), qPrintable(errors[0][0].toString()));
    checkMemoryOnly(store, errors);
}

void HistoryRobustnessTest::readOnlyOldSchemaCannotMigrate()
{
    // An old file on a read-only medium: the migration's real write fails with SQLITE_READONLY.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ro-v1.sqlite"));
    {
        sqlite3* db = nullptr;
        QCOMPARE(sqlite3_open(path.toUtf8().constData(), &db), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, schema::version1Sql(), nullptr, nullptr, nullptr), SQLITE_OK);
        QCOMPARE(sqlite3_exec(db, "PRAGMA user_version = 1", nullptr, nullptr, nullptr), SQLITE_OK);
        sqlite3_close(db);
    }
    HistoryStoreConfig cfg = configFor(path);
    cfg.database.readOnly = true;
    HistoryStore store(cfg);
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(!store.openNow());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors[0][0].toString().contains(QLatin1String("readonly")), qPrintable(errors[0][0].toString()));
    checkMemoryOnly(store, errors);
}

void HistoryRobustnessTest::readOnlyFilePermissions()
{
    if (::geteuid() == 0)
        QSKIP("running as root: file permissions do not stop writes (readOnlyOpenFlag covers the path)");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("perm.sqlite"));
    createFile(path, 2);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    HistoryStore store(configFor(path));
    QSignalSpy errors(&store, &HistoryStore::storageError);
    store.openNow();
    store.storeMinute(minute(kT0 + 5 * kMin, 1));
    store.commitNow();
    QCOMPARE(errors.count(), 1);
    checkMemoryOnly(store, errors);
}

void HistoryRobustnessTest::corruptHeader()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("corrupt.sqlite"));
    createFile(path, 5);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    QByteArray bytes;
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.write(QByteArray(100, '\x5a')); // garbage over the 100-byte header
        f.close();
        QVERIFY(f.open(QIODevice::ReadOnly));
        bytes = f.readAll();
    }
    HistoryStore store(configFor(path));
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(!store.openNow());
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors[0][0].toString().contains(QLatin1String("not a database")), qPrintable(errors[0][0].toString()));
    checkMemoryOnly(store, errors);
    // The damaged file is left as it was, for the user to inspect or move away.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), bytes);
}

void HistoryRobustnessTest::fullDisk()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("full.sqlite"));
    HistoryStoreConfig cfg = configFor(path);
    cfg.database.maxPageCount = 64; // 64 pages of 4 KiB: a real SQLITE_FULL soon
    cfg.commitBatchMinutes = 4;
    HistoryStore store(cfg);
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(store.openNow());
    int stored = 0;
    for (; stored < 2000 && errors.isEmpty(); ++stored)
        store.storeMinute(minute(kT0 + stored * kMin, 50));
    QCOMPARE(errors.count(), 1);
    QVERIFY2(errors[0][0].toString().contains(QLatin1String("full")), qPrintable(errors[0][0].toString()));
    const quint64 written = store.stats().minutesWritten;
    QVERIFY(written > 0);
    checkMemoryOnly(store, errors);

    // What was committed before the disk filled is intact and readable.
    HistoryStore again(configFor(path));
    QVERIFY(again.openNow());
    QCOMPARE(again.database().integrityCheck(), QStringLiteral("ok"));
    const auto points = again.minutes(kT0, kT0 + qint64(written) * kMin, QString());
    for (const auto& p : points)
        QVERIFY(p.covered);
    QVERIFY(!again.minutes(kT0 + qint64(written) * kMin, kT0 + qint64(written + 1) * kMin, QString())[0].covered);
}

void HistoryRobustnessTest::disabledStoreIsSilent()
{
    QTemporaryDir dir;
    HistoryStoreConfig cfg = configFor(dir.filePath(QStringLiteral("never.sqlite")));
    cfg.enabled = false;
    HistoryStore store(cfg);
    QSignalSpy errors(&store, &HistoryStore::storageError);
    QVERIFY(!store.openNow());
    store.storeMinute(minute(kT0, 1));
    QVERIFY(store.minutes(kT0, kT0 + kMin, QString()).isEmpty());
    QCOMPARE(errors.count(), 0);
    QVERIFY(!QFile::exists(cfg.database.path));
}

QTEST_GUILESS_MAIN(HistoryRobustnessTest)
#include "tst_HistoryRobustness.moc"
