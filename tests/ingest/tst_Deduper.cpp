// Deduper: duplicates within the horizon are caught, older ids are forgotten, memory stays
// bounded; checked against a brute-force reference with colliding hash slots.

#include "ingest/Deduper.h"

#include <QTest>
#include <deque>
#include <random>
#include <set>

using wt::ingest::Deduper;

class TestDeduper : public QObject {
    Q_OBJECT
private slots:
    void duplicatesWithinHorizon()
    {
        Deduper d(4);
        QVERIFY(!d.checkAndInsert(1));
        QVERIFY(!d.checkAndInsert(2));
        QVERIFY(d.checkAndInsert(1));
        QVERIFY(d.checkAndInsert(2));
        QCOMPARE(d.size(), std::size_t(2));
    }

    void forgetsBeyondHorizon()
    {
        Deduper d(3);
        for (std::uint64_t id : {10, 20, 30})
            QVERIFY(!d.checkAndInsert(id));
        QVERIFY(!d.checkAndInsert(40)); // evicts 10
        QCOMPARE(d.size(), std::size_t(3));
        QVERIFY(d.checkAndInsert(20));
        QVERIFY(d.checkAndInsert(30));
        QVERIFY(d.checkAndInsert(40));
        QVERIFY(!d.checkAndInsert(10)); // forgotten, so new again (evicts 20)
        QVERIFY(!d.checkAndInsert(20));
        QCOMPARE(d.size(), std::size_t(3));
    }

    void duplicateDoesNotRefresh()
    {
        Deduper d(2);
        QVERIFY(!d.checkAndInsert(1));
        QVERIFY(!d.checkAndInsert(2));
        QVERIFY(d.checkAndInsert(1));  // a duplicate is not stored again: 1 stays the oldest
        QVERIFY(!d.checkAndInsert(3)); // evicts 1
        QVERIFY(!d.checkAndInsert(1));
    }

    void zeroHashIsAnId()
    {
        Deduper d(8);
        QVERIFY(!d.checkAndInsert(0));
        QVERIFY(d.checkAndInsert(0));
    }

    void horizonOfOne()
    {
        Deduper d(0); // clamped to 1
        QCOMPARE(d.horizon(), std::size_t(1));
        QVERIFY(!d.checkAndInsert(5));
        QVERIFY(d.checkAndInsert(5));
        QVERIFY(!d.checkAndInsert(6));
        QVERIFY(!d.checkAndInsert(5));
    }

    void matchesReference_data()
    {
        QTest::addColumn<int>("horizon");
        QTest::addColumn<int>("idSpace");
        QTest::addColumn<bool>("colliding");
        QTest::newRow("small, many repeats") << 16 << 40 << false;
        QTest::newRow("small, same slot") << 16 << 40 << true;
        QTest::newRow("medium") << 1000 << 3000 << false;
        QTest::newRow("medium, same slot") << 1000 << 3000 << true;
        QTest::newRow("large horizon, few repeats") << 50000 << 1000000 << false;
    }
    void matchesReference()
    {
        QFETCH(int, horizon);
        QFETCH(int, idSpace);
        QFETCH(bool, colliding);
        Deduper d{static_cast<std::size_t>(horizon)};
        std::deque<std::uint64_t> fifo;
        std::set<std::uint64_t> seen;
        std::mt19937_64 rng(42);
        std::uniform_int_distribution<int> pick(1, idSpace);
        int duplicates = 0;
        for (int i = 0; i < 200000; ++i) {
            std::uint64_t id = std::uint64_t(pick(rng));
            // Same low bits: every id lands in the same home slot, so probe chains are long and
            // backward-shift deletion is exercised on every eviction.
            if (colliding)
                id <<= 40;
            const bool expected = seen.count(id) != 0;
            if (!expected) {
                fifo.push_back(id);
                seen.insert(id);
                if (fifo.size() > std::size_t(horizon)) {
                    seen.erase(fifo.front());
                    fifo.pop_front();
                }
            }
            duplicates += expected;
            QCOMPARE(d.checkAndInsert(id), expected);
            QCOMPARE(d.size(), fifo.size());
        }
        QVERIFY(duplicates > 0);
    }
};

QTEST_GUILESS_MAIN(TestDeduper)
#include "tst_Deduper.moc"
