// Single panels inside a real (offscreen) main window with hand-made snapshots: the battlefield's
// hover and click mapping and URL vetting, the keyword editor, Wikidata labels in the tables,
// and the history band. No browser starts: the window's URL opener is replaced.

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>

#include "BattlefieldPanel.h"
#include "KeywordPanel.h"
#include "KpiPanel.h"
#include "LeaderboardPanel.h"
#include "MainWindow.h"
#include "TrafficPanel.h"
#include "event/EditEvent.h"
#include "support/Screenshot.h"

using namespace wt;
using Kind = ui::LeaderboardModel::Kind;

namespace {
constexpr std::int64_t kClock = 1'746'258'468'000; // 2025-05-03 07:47:48 UTC

analytics::RecentEdit edit(std::int64_t ageMs, std::int32_t delta, const char* title, const char* url,
                           const char* label = "")
{
    analytics::RecentEdit e;
    e.timeMs = kClock - ageMs;
    e.delta = delta;
    e.wiki = "enwiki";
    e.title = title;
    e.user = "Ann";
    e.diffUrl = url;
    e.label = label;
    return e;
}
} // namespace

class TestPanels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ui::MainWindow> m_window;
    QList<QUrl> m_opened;

    void show(const std::shared_ptr<analytics::DashboardSnapshot>& s)
    {
        m_window->showSnapshot(s);
        m_window->applyPendingSnapshot();
        QCoreApplication::processEvents();
    }

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void init()
    {
        ui::UiOptions options;
        options.settingsFile = m_dir.filePath(QStringLiteral("panels.ini"));
        m_window = std::make_unique<ui::MainWindow>(options);
        m_opened.clear();
        m_window->setUrlOpener([this](const QUrl& u) { m_opened << u; });
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup() { m_window.reset(); }

    void battlefieldHoverFindsTheNearestEditAndClickOpensOnlyAllowedUrls()
    {
        auto s = std::make_shared<analytics::DashboardSnapshot>();
        s->clockMs = kClock;
        s->wallMs = kClock;
        s->lookbackMs = 15 * 60'000;
        s->recent = {
            edit(50'000, 500, "Douglas Adams", "https://en.wikipedia.org/w/index.php?diff=11&oldid=10"),
            edit(40'000, -2000, "Plain http", "http://en.wikipedia.org/w/index.php?diff=21&oldid=20"),
            edit(30'000, 50'000, "Look-alike", "https://en.wikipedia.org.evil.example/w/index.php?diff=31"),
            edit(20'000, 120, "Q42", "https://www.wikidata.org/w/index.php?diff=41&oldid=40", "Douglas Adams"),
            edit(20'500, 140, "Close neighbour", "https://en.wikipedia.org/w/index.php?diff=51&oldid=50"),
        };
        show(s);
        ui::BattlefieldPanel* field = m_window->battlefield();
        QCOMPARE(field->drawnPoints(), 5);
        QVERIFY(!field->usesOpenGl());

        // Every drawn point maps back to its own edit; slightly off still finds the nearest one.
        for (int d = 0; d < field->drawnPoints(); ++d) {
            const QPoint at = field->viewportPosOfDrawn(d);
            QVERIFY(field->viewport()->rect().contains(at));
            QCOMPARE(field->editAt(at), field->recentIndexOfDrawn(d));
            QCOMPARE(field->editAt(at + QPoint(2, -1)), field->recentIndexOfDrawn(d));
        }
        // Far from every point: nothing.
        QCOMPARE(field->editAt(QPoint(2, 2)), -1);

        // Two points half a second apart: a position between them picks the closer one.
        int q42 = -1, neighbour = -1;
        for (int d = 0; d < field->drawnPoints(); ++d) {
            if (field->recentIndexOfDrawn(d) == 3)
                q42 = d;
            if (field->recentIndexOfDrawn(d) == 4)
                neighbour = d;
        }
        const QPoint a = field->viewportPosOfDrawn(q42), b = field->viewportPosOfDrawn(neighbour);
        QVERIFY(a != b);
        QCOMPARE(field->editAt(a + (b - a) / 4), 3);
        QCOMPARE(field->editAt(b + (a - b) / 4), 4);

        // The tooltip names wiki, title with its Wikidata label, user and change.
        const QString tip = field->describe(3);
        QVERIFY2(tip.contains(QStringLiteral("Q42 — Douglas Adams")), qPrintable(tip));
        QVERIFY(tip.contains(QStringLiteral("enwiki")));
        QVERIFY(tip.contains(QStringLiteral("Ann")));
        QVERIFY(tip.contains(QStringLiteral("+120 B")));
        QTest::mouseMove(field->viewport(), field->viewportPosOfDrawn(q42));
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(QToolTip::text().contains(QStringLiteral("Douglas Adams")));

        // Clicks: only https on Wikimedia hosts reach the opener.
        for (int d = 0; d < field->drawnPoints(); ++d)
            QTest::mouseClick(field->viewport(), Qt::LeftButton, {}, field->viewportPosOfDrawn(d));
        QCOMPARE(m_opened.size(), 3);
        QStringList opened;
        for (const QUrl& u : m_opened)
            opened << u.toString();
        opened.sort();
        QCOMPARE(opened, (QStringList{QStringLiteral("https://en.wikipedia.org/w/index.php?diff=11&oldid=10"),
                                      QStringLiteral("https://en.wikipedia.org/w/index.php?diff=51&oldid=50"),
                                      QStringLiteral("https://www.wikidata.org/w/index.php?diff=41&oldid=40")}));
        QVERIFY(!field->diffUrlOf(1).isValid());
        QVERIFY(!field->diffUrlOf(2).isValid());
        QVERIFY(!field->describe(1).contains(QStringLiteral("Click to open")));
        // A click outside any point opens nothing.
        QTest::mouseClick(field->viewport(), Qt::LeftButton, {}, QPoint(2, 2));
        QCOMPARE(m_opened.size(), 3);
        QVERIFY(!test::saveScreenshot(field, QStringLiteral("battlefield_points")).isEmpty());
    }

    void battlefieldCapsItsPoints()
    {
        auto s = std::make_shared<analytics::DashboardSnapshot>();
        s->clockMs = kClock;
        s->lookbackMs = 3 * 3600'000;
        for (int i = 0; i < 20'000; ++i)
            s->recent.push_back(edit(600'000 - i * 30, (i * 7919 % 20001) - 10000, "T", ""));
        show(s);
        QVERIFY(m_window->battlefield()->drawnPoints() > 500);
        QVERIFY(m_window->battlefield()->drawnPoints() <= 2000);
    }

    void keywordsAreAddedEditedRemovedAndBadRegexIsRefusedInline()
    {
        m_window->dock(QStringLiteral("keywordDock"))->raise();
        ui::KeywordPanel* panel = m_window->keywordPanel();
        QTRY_VERIFY(m_window->isInView(panel));
        QSignalSpy changed(m_window.get(), &ui::MainWindow::keywordsChanged);
        auto* input = panel->findChild<QLineEdit*>(QStringLiteral("keywordInput"));
        auto* list = panel->findChild<QTableWidget*>(QStringLiteral("keywordList"));
        auto* error = panel->findChild<QLabel*>(QStringLiteral("keywordError"));

        // Typed and added with Enter, as a user does.
        QTest::keyClicks(input, QStringLiteral("vandal"));
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(panel->keywords(), QStringList{QStringLiteral("vandal")});
        QCOMPARE(changed.count(), 1);
        QVERIFY(input->text().isEmpty());

        // A bad regular expression is refused while typing and on Enter, with the reason.
        QTest::keyClicks(input, QStringLiteral("/(unclosed/"));
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(QStringLiteral("not a valid regular expression")), qPrintable(error->text()));
        QTest::keyClick(input, Qt::Key_Return);
        QCOMPARE(panel->keywords(), QStringList{QStringLiteral("vandal")});
        QCOMPARE(changed.count(), 1);
        QCOMPARE(input->text(), QStringLiteral("/(unclosed/")); // kept, so it can be fixed
        QVERIFY(!panel->addKeyword(QStringLiteral("/.*/")));  // matches everything
        QVERIFY(panel->errorText().contains(QStringLiteral("matches everything")));
        QVERIFY(!panel->addKeyword(QStringLiteral("vandal"))); // already there
        QVERIFY(panel->addKeyword(QStringLiteral("/revert(ed)?/")));
        QCOMPARE(changed.count(), 2);
        QVERIFY(panel->errorText().isEmpty());

        // Edited in place through the table, as a double-click edit does; a bad edit is undone.
        list->item(1, 0)->setText(QStringLiteral("/rever+t/"));
        QCOMPARE(panel->keywords(), (QStringList{QStringLiteral("vandal"), QStringLiteral("/rever+t/")}));
        QCOMPARE(changed.count(), 3);
        list->item(0, 0)->setText(QStringLiteral("/[oops/"));
        QVERIFY(panel->errorText().contains(QStringLiteral("not a valid regular expression")));
        QCOMPARE(list->item(0, 0)->text(), QStringLiteral("vandal"));
        QCOMPARE(panel->keywords().first(), QStringLiteral("vandal"));
        QCOMPARE(changed.count(), 3);

        // Removed through the Remove button on the selected row.
        list->selectRow(0);
        auto* remove = [&] {
            for (auto* b : panel->findChildren<QPushButton*>())
                if (b->text() == QStringLiteral("Remove"))
                    return b;
            return static_cast<QPushButton*>(nullptr);
        }();
        QVERIFY(remove && remove->isEnabled());
        QTest::mouseClick(remove, Qt::LeftButton);
        QCOMPARE(panel->keywords(), QStringList{QStringLiteral("/rever+t/")});
        QCOMPARE(changed.count(), 4);
        QCOMPARE(changed.last().first().toStringList(), QStringList{QStringLiteral("/rever+t/")});

        // The engine's own refusal is shown inline too.
        m_window->showKeywordRejected(QStringLiteral("/x/"), QStringLiteral("too slow"));
        QVERIFY(panel->errorText().contains(QStringLiteral("too slow")));
        QVERIFY(!test::saveScreenshot(panel, QStringLiteral("keyword_panel")).isEmpty());
    }

    void pagesShowWikidataLabelsAndHistoryIsMarked()
    {
        auto s = std::make_shared<analytics::DashboardSnapshot>();
        s->clockMs = kClock;
        s->wallMs = kClock + 1000;
        s->lookbackMs = 3 * 3600'000;
        s->trafficStepMs = 60'000;
        for (std::int64_t t = kClock - s->lookbackMs; t < kClock; t += s->trafficStepMs)
            s->traffic.push_back({t, 600, 300, 9000, 4000});
        s->kpis.events = 5000;
        s->historyUntilMs = kClock - 3600'000;
        s->historyEvents = 1234;
        analytics::LeaderRow q42;
        q42.key = "Q42";
        q42.wiki = "wikidatawiki";
        q42.label = "Douglas Adams";
        q42.edits = 7;
        analytics::LeaderRow plain;
        plain.key = "Earth";
        plain.wiki = "enwiki";
        plain.edits = 3;
        s->topPages = {q42, plain};
        show(s);
        QTableView* pages = m_window->leaderboards()->view(Kind::Pages);
        QCOMPARE(pages->model()->index(0, ui::LeaderboardModel::Name).data().toString(),
                 QStringLiteral("Q42 — Douglas Adams"));
        QCOMPARE(pages->model()->index(1, ui::LeaderboardModel::Name).data().toString(), QStringLiteral("Earth"));
        QVERIFY(m_window->traffic()->showsHistoryBand());
        QVERIFY2(m_window->kpis()->subText("events").contains(QStringLiteral("1,234 from history")),
                 qPrintable(m_window->kpis()->subText("events")));
        QVERIFY(!test::saveScreenshot(m_window->traffic(), QStringLiteral("traffic_history_band")).isEmpty());

        auto live = std::make_shared<analytics::DashboardSnapshot>(*s);
        live->historyUntilMs = 0;
        live->historyEvents = 0;
        show(live);
        QVERIFY(!m_window->traffic()->showsHistoryBand());
        QVERIFY(!m_window->kpis()->subText("events").contains(QStringLiteral("history")));
    }
};

QTEST_MAIN(TestPanels)
#include "tst_Panels.moc"
