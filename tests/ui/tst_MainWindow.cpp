// The whole window on a real recording through the real ingest chain and analytics engine,
// offscreen: the numbers shown are the engine's, controls reach the engine, the view follows.

#include <QAbstractItemModel>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QDateTime>
#include <QFile>
#include <QMessageBox>
#include <QSettings>

#include "BattlefieldPanel.h"
#include "BreakdownPanel.h"
#include "ConnectionBanner.h"
#include "AlertLogPanel.h"
#include "AlertRulesDialog.h"
#include "ControlBar.h"
#include "EngagementPanel.h"
#include "HealthPanel.h"
#include "HistoryPanel.h"
#include "Format.h"
#include "KeywordPanel.h"
#include "KpiPanel.h"
#include "LeaderboardPanel.h"
#include "MainWindow.h"
#include "StatusLine.h"
#include "alert/AlertRule.h"
#include "pipeline/HealthMetrics.h"
#include "TrafficPanel.h"
#include "analytics/AnalyticsEngine.h"
#include "ingest/SseClient.h"
#include "support/ReplayFeed.h"
#include "support/CsvReader.h"
#include "support/Screenshot.h"
#include "support/TestData.h"

using namespace wt;
using Kind = ui::LeaderboardModel::Kind;

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    test::Replay m_replay;
    std::unique_ptr<analytics::AnalyticsEngine> m_engine;
    std::unique_ptr<ui::MainWindow> m_window;

    QString settingsFile() const { return m_dir.filePath(QStringLiteral("wikitide.ini")); }

    void makeWindow()
    {
        m_window.reset();
        m_engine = std::make_unique<analytics::AnalyticsEngine>();
        ui::UiOptions options;
        options.settingsFile = settingsFile();
        options.samplePath = test::dataPath(QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson"));
        m_window = std::make_unique<ui::MainWindow>(options);
        auto* e = m_engine.get();
        connect(m_window.get(), &ui::MainWindow::lookbackChanged, e, &analytics::AnalyticsEngine::setLookback);
        connect(m_window.get(), &ui::MainWindow::refreshChanged, e, &analytics::AnalyticsEngine::setRefreshInterval);
        connect(m_window.get(), &ui::MainWindow::topNChanged, e, &analytics::AnalyticsEngine::setTopN);
        connect(m_window.get(), &ui::MainWindow::filterChanged, e, &analytics::AnalyticsEngine::setFilter);
        connect(m_window.get(), &ui::MainWindow::keywordsChanged, e, &analytics::AnalyticsEngine::setKeywords);
        m_window->publishSettings();
        m_window->resize(1600, 1000);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->resize(1600, 1000);
        QTRY_COMPARE(m_window->size(), QSize(1600, 1000));
        QTest::qWait(20); // the default dock split runs once the window has its size
        m_engine->ingest(m_replay.events);
        m_engine->setIngestCounters(m_replay.counters);
    }

    // Builds a snapshot and lets the window draw it through its ordinary (coalescing) path.
    analytics::DashboardSnapshotPtr tick()
    {
        auto snapshot = m_engine->buildSnapshot();
        m_window->showSnapshot(snapshot);
        QTest::qWait(1); // the zero timer applies it
        QCoreApplication::processEvents();
        return snapshot;
    }

    static QString cell(QTableView* view, int row, int column)
    {
        return view->model()->index(row, column).data().toString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
        m_replay = test::replayRecording(test::dataPath(QStringLiteral("dataplumbhub.ndjson")));
        QVERIFY(m_replay.events.size() > 100);
    }

    void init() { makeWindow(); }
    void cleanup() { m_window.reset(); }

    void windowIconDraws()
    {
        // Without the optional Qt SVG plugin an SVG-only icon is blank: the raster sizes must draw.
        const QImage image = m_window->windowIcon().pixmap(QSize(32, 32)).toImage();
        QVERIFY(!image.isNull());
        int opaque = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                opaque += qAlpha(image.pixel(x, y)) > 0;
        QVERIFY2(opaque > image.width() * image.height() / 2, qPrintable(QString::number(opaque)));
    }

    void kpisAndLeaderboardsShowTheEngineNumbers()
    {
        // Two keywords through the panel, so the engine watches them and the table fills.
        QSignalSpy keywords(m_window.get(), &ui::MainWindow::keywordsChanged);
        QVERIFY(m_window->keywordPanel()->addKeyword(QStringLiteral("/categor(y|ies)/")));
        QVERIFY(m_window->keywordPanel()->addKeyword(QStringLiteral("bot")));
        QCOMPARE(keywords.count(), 2);
        // The engine watches events as they arrive: restart on the remembered watch list.
        m_window->close();
        makeWindow();
        QCOMPARE(m_window->keywordPanel()->keywords().size(), 2);
        m_window->dock(QStringLiteral("keywordDock"))->raise(); // a background tab is not drawn
        QTRY_VERIFY(m_window->isInView(m_window->keywordPanel()));
        const auto s = tick();
        QCOMPARE(s->keywords.size(), std::size_t(2));
        QVERIFY(s->keywords[0].hits > 0);
        QVERIFY(!s->keywordHits.empty());
        auto* hitTable = m_window->findChild<QTableView*>(QStringLiteral("keywordHits"));
        QCOMPARE(hitTable->model()->rowCount(), int(s->keywordHits.size()));
        QCOMPARE(hitTable->model()->index(0, 3).data().toString(), QString::fromStdString(s->keywordHits[0].title));
        auto* list = m_window->findChild<QTableWidget*>(QStringLiteral("keywordList"));
        QCOMPARE(QLocale().toULongLong(list->item(0, 1)->text()), qulonglong(s->keywords[0].hits));
        QVERIFY(s->kpis.events > 0);
        QCOMPARE(m_window->shownSnapshot(), s);
        const QLocale locale;
        auto* kpis = m_window->kpis();
        QCOMPARE(locale.toULongLong(kpis->valueText("events")), qulonglong(s->kpis.events));
        QCOMPARE(locale.toULongLong(kpis->valueText("activeUsers")), qulonglong(s->kpis.activeUsers));
        QCOMPARE(locale.toULongLong(kpis->valueText("newPages")), qulonglong(s->kpis.newPages));
        QCOMPARE(kpis->valueText("bytesNet"), ui::fmt::signedBytes(s->kpis.bytesNet));
        QCOMPARE(kpis->valueText("bytesAdded"), ui::fmt::bytes(s->kpis.bytesAdded));
        QCOMPARE(kpis->valueText("botShare"), ui::fmt::share(s->kpis.bots, s->kpis.events));
        QCOMPARE(locale.toULongLong(kpis->valueText("rejected")), qulonglong(m_replay.counters.rejectedTotal()));
        QVERIFY(kpis->valueText("botShare").endsWith(QStringLiteral(" %")));

        // Leaderboards: same rows, sorted by edits, with the engine's counts.
        struct Case { Kind kind; const std::vector<analytics::LeaderRow>* rows; };
        for (const Case& c : {Case{Kind::Wikis, &s->topWikis}, Case{Kind::Pages, &s->topPages},
                              Case{Kind::Users, &s->topUsers}, Case{Kind::Languages, &s->topLanguages}}) {
            QTableView* view = m_window->leaderboards()->view(c.kind);
            QVERIFY(!c.rows->empty());
            QCOMPARE(view->model()->rowCount(), int(c.rows->size()));
            QCOMPARE(static_cast<ui::LeaderboardModel*>(m_window->leaderboards()->model(c.kind))->kind(), c.kind);
            const auto& first = c.rows->front();
            QCOMPARE(locale.toULongLong(cell(view, 0, ui::LeaderboardModel::Edits)), qulonglong(first.edits));
            QVERIFY(cell(view, 0, ui::LeaderboardModel::Name).startsWith(
                first.key.empty() ? QStringLiteral("(") : QString::fromStdString(first.key)));
        }
        // The users board flags bots, as the engine says.
        QTableView* users = m_window->leaderboards()->view(Kind::Users);
        int bots = 0;
        for (const auto& row : s->topUsers)
            bots += row.bot;
        int shownBots = 0;
        for (int r = 0; r < users->model()->rowCount(); ++r)
            shownBots += cell(users, r, ui::LeaderboardModel::Bot) == QStringLiteral("bot");
        QCOMPARE(shownBots, bots);
        QVERIFY(bots > 0);

        QVERIFY(m_window->battlefield()->drawnPoints() > 0);
        QVERIFY(m_window->traffic()->drawnPoints() > 0);
        QVERIFY(!m_window->battlefield()->usesOpenGl()); // offscreen: the automatic fallback
        // A 2026 recording replayed now: the status bar shows the replay clock, not a lag of days.
        const QString replayTime = QDateTime::fromMSecsSinceEpoch(s->clockMs, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        QCOMPARE(m_window->statusLine()->lastEventText(), QStringLiteral("Replay time %1 UTC").arg(replayTime));
        QVERIFY(m_window->statusLine()->lagText().isEmpty());
        QCOMPARE(m_window->statusLine()->connectionText(), QStringLiteral("Replaying"));
        m_window->setConnectionState(int(ui::ConnectionState::Replaying), QStringLiteral("10"), 0);
        QCOMPARE(m_window->statusLine()->lastEventText(), QStringLiteral("Replay time %1 UTC, 10×").arg(replayTime));
        QCOMPARE(m_window->statusLine()->connectionText(), QStringLiteral("Replaying at 10×"));
        QCOMPARE(m_window->size(), QSize(1600, 1000)); // everything fits the target window
        QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_replay")).isEmpty());
    }

    void lookbackChangeReachesTheEngineAndTheView()
    {
        const auto wide = tick();
        m_window->controls()->chooseLookbackMs(60'000);
        const auto narrow = tick();
        QCOMPARE(narrow->lookbackMs, qint64(60'000));
        QVERIFY(narrow->kpis.events < wide->kpis.events);
        QCOMPARE(QLocale().toULongLong(m_window->kpis()->valueText("events")), qulonglong(narrow->kpis.events));
        QCOMPARE(m_window->leaderboards()->view(Kind::Pages)->model()->rowCount(), int(narrow->topPages.size()));

        // Remembered: a new window on the same settings starts with 1 min and says so.
        makeWindow();
        QCOMPARE(m_window->controls()->lookbackMs(), qint64(60'000));
        QCOMPARE(tick()->lookbackMs, qint64(60'000));
        m_window->controls()->chooseLookbackMs(15 * 60'000);
    }

    void filterReachesTheEngineAndTheView()
    {
        const auto all = tick();
        QVERIFY(all->kpis.bots > 0);
        analytics::Filter noBots;
        noBots.includeBots = false;
        QSignalSpy spy(m_window.get(), &ui::MainWindow::filterChanged);
        m_window->setFilter(noBots);
        QCOMPARE(spy.count(), 1);
        const auto humans = tick();
        QCOMPARE(humans->kpis.bots, std::uint64_t(0));
        QCOMPARE(humans->kpis.events, all->kpis.events - all->kpis.bots);
        QCOMPARE(QLocale().toULongLong(m_window->kpis()->valueText("events")), qulonglong(humans->kpis.events));
        QCOMPARE(m_window->kpis()->valueText("botShare"), ui::fmt::share(0, humans->kpis.events));
        QTableView* users = m_window->leaderboards()->view(Kind::Users);
        for (int r = 0; r < users->model()->rowCount(); ++r)
            QVERIFY(cell(users, r, ui::LeaderboardModel::Bot).isEmpty());
        QVERIFY(m_window->findChild<QLabel*>(QStringLiteral("filterSummary"))->text().contains(QStringLiteral("no bots")));
        QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_filtered")).isEmpty());

        makeWindow(); // remembered between runs
        QCOMPARE(m_window->filter(), noBots);
        m_window->setFilter(analytics::Filter{});
    }

    void pauseFreezesTheViewAndResumeCatchesUp()
    {
        const auto before = tick();
        m_window->setPaused(true);
        QVERIFY(m_window->statusLine()->connectionText().contains(QStringLiteral("paused")));
        m_window->controls()->chooseLookbackMs(60'000);
        const auto during = tick();
        QVERIFY(during->kpis.events != before->kpis.events);
        QCOMPARE(m_window->latestSnapshot(), during);
        QCOMPARE(m_window->shownSnapshot(), before);
        QCOMPARE(QLocale().toULongLong(m_window->kpis()->valueText("events")), qulonglong(before->kpis.events));
        m_window->controls()->pauseAction()->trigger(); // resume, as the toolbar does
        QVERIFY(!m_window->isPaused());
        QCOMPARE(m_window->shownSnapshot(), during); // at once, without waiting for a tick
        QCOMPARE(QLocale().toULongLong(m_window->kpis()->valueText("events")), qulonglong(during->kpis.events));
        m_window->controls()->chooseLookbackMs(15 * 60'000);
    }

    void bannerWhenTheLiveStreamCannotBeReached()
    {
        tick();
        ui::ConnectionBanner* banner = m_window->banner();
        QVERIFY(!banner->isVisible());
        // A real client against a closed port on 127.0.0.1.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close();
        ingest::SseClientConfig config;
        config.url = QUrl(QStringLiteral("http://127.0.0.1:%1/v2/stream/recentchange").arg(port));
        config.minBackoffMs = 4000;
        config.jitterSeed = 7;
        ingest::SseClient client(config);
        connect(&client, &ingest::SseClient::stateChanged, m_window.get(),
                [this](ingest::ConnectionState state, const QString& detail, int retryInMs) {
                    m_window->setConnectionState(int(state), detail, retryInMs);
                });
        client.start();
        QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 5000);
        QVERIFY(banner->text().contains(QStringLiteral("cannot be reached")));
        QVERIFY(banner->text().contains(QStringLiteral("Trying again in")));
        // One countdown, the banner's live one: the client's stale "reconnecting in" is dropped.
        QVERIFY2(!banner->text().contains(QStringLiteral("reconnecting in")), qPrintable(banner->text()));
        QVERIFY(banner->text().contains(QStringLiteral("Connection refused")));
        QVERIFY(m_window->statusLine()->connectionText().contains(QStringLiteral("in ")));
        QVERIFY(banner->sampleButton()->isVisible());
        QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_offline")).isEmpty());
        QSignalSpy open(m_window.get(), &ui::MainWindow::openRecordingRequested);
        QTest::mouseClick(banner->sampleButton(), Qt::LeftButton);
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.first().first().toString(), test::dataPath(QStringLiteral("muneebkhan06_wikistream_kafka_2026.ndjson")));
        client.stop();

        // The countdown counts down by itself.
        m_window->setConnectionState(int(ui::ConnectionState::Offline), QStringLiteral("refused"), 3000);
        QVERIFY(banner->text().contains(QStringLiteral("in 3 s")));
        QTRY_VERIFY_WITH_TIMEOUT(banner->text().contains(QStringLiteral("in 1 s")), 4000);
        m_window->setConnectionState(int(ui::ConnectionState::Live), {}, 0);
        QVERIFY(!banner->isVisible());
        QCOMPARE(m_window->statusLine()->connectionText(), QStringLiteral("Live"));
        m_window->setConnectionState(int(ui::ConnectionState::Replaying), QStringLiteral("10"), 0);
        QCOMPARE(m_window->statusLine()->connectionText(), QStringLiteral("Replaying at 10×"));
    }

    void dockLayoutIsRemembered()
    {
        auto* dock = m_window->findChild<QDockWidget*>(QStringLiteral("breakdownDock"));
        QVERIFY(dock && dock->isVisible());
        dock->close();
        m_window->close(); // saves geometry and dock state
        makeWindow();
        dock = m_window->findChild<QDockWidget*>(QStringLiteral("breakdownDock"));
        QVERIFY(!dock->isVisible());
        tick(); // a hidden panel is skipped, then caught up when shown
        dock->show();
        dock->raise();
        QTRY_VERIFY(!m_window->breakdowns()->values(QStringLiteral("types")).isEmpty());
        m_window->close();
    }

    void exportFromTheWindowMatchesWhatItShows()
    {
        const auto s = tick();
        QList<QUrl> opened;
        m_window->setUrlOpener([&opened](const QUrl& u) { opened << u; });
        QTemporaryDir out;
        const ui::ExportResult result = m_window->exportAndTell(out.path());
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY(result.folder.startsWith(out.path()));

        // kpis.csv: the figures the tiles show.
        const QLocale locale;
        const auto kpis = test::readCsvFileAsText(result.folder + QStringLiteral("/kpis.csv"));
        QCOMPARE(kpis.size(), 2);
        const QStringList& head = kpis[0];
        const QStringList& values = kpis[1];
        auto csv = [&](const char* column) { return values.value(head.indexOf(QLatin1String(column))); };
        QCOMPARE(csv("events").toULongLong(), locale.toULongLong(m_window->kpis()->valueText("events")));
        QCOMPARE(csv("active_users").toULongLong(), locale.toULongLong(m_window->kpis()->valueText("activeUsers")));
        QCOMPARE(csv("new_pages").toULongLong(), locale.toULongLong(m_window->kpis()->valueText("newPages")));
        QCOMPARE(ui::fmt::signedBytes(csv("bytes_net").toLongLong()), m_window->kpis()->valueText("bytesNet"));
        QCOMPARE(ui::fmt::bytes(csv("bytes_added").toLongLong()), m_window->kpis()->valueText("bytesAdded"));
        QCOMPARE(ui::fmt::share(csv("bots").toULongLong(), csv("events").toULongLong()),
                 m_window->kpis()->valueText("botShare"));
        QCOMPARE(csv("ingest_rejected").toULongLong(), locale.toULongLong(m_window->kpis()->valueText("rejected")));

        // top_wikis.csv: the same wikis with the same edit counts as the table.
        const auto wikis = test::readCsvFileAsText(result.folder + QStringLiteral("/top_wikis.csv"));
        QTableView* table = m_window->leaderboards()->view(Kind::Wikis);
        QCOMPARE(wikis.size() - 1, table->model()->rowCount());
        QVERIFY(table->model()->rowCount() > 3);
        QHash<QString, qulonglong> edits;
        for (qsizetype r = 1; r < wikis.size(); ++r)
            edits.insert(wikis[r].value(1), wikis[r].value(4).toULongLong());
        for (int r = 0; r < table->model()->rowCount(); ++r) {
            const QString name = cell(table, r, ui::LeaderboardModel::Name);
            QVERIFY2(edits.contains(name), qPrintable(name));
            QCOMPARE(locale.toULongLong(cell(table, r, ui::LeaderboardModel::Edits)), edits.value(name));
        }
        QCOMPARE(wikis[1].value(1), QString::fromStdString(s->topWikis.front().key));

        // It says where the files went, without blocking, and offers to open the folder.
        auto* message = m_window->findChild<QMessageBox*>(QStringLiteral("exportMessage"));
        QVERIFY(message && message->isVisible());
        QVERIFY(message->text().contains(QDir::toNativeSeparators(result.folder)));
        auto* open = message->findChild<QPushButton*>(QStringLiteral("openExportFolder"));
        QVERIFY(open);
        QTest::mouseClick(open, Qt::LeftButton);
        QCOMPARE(opened, QList<QUrl>{QUrl::fromLocalFile(result.folder)});

        // A folder that cannot be written: a warning, and nothing opened.
        QFile blocker(out.filePath(QStringLiteral("not-a-folder")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const ui::ExportResult failed = m_window->exportAndTell(blocker.fileName());
        QVERIFY(!failed.ok);
        QVERIFY(!failed.error.isEmpty());
        message = m_window->findChild<QMessageBox*>(QStringLiteral("exportMessage"));
        QTRY_VERIFY(message && message->isVisible() && message->icon() == QMessageBox::Warning);
        QVERIFY(!message->findChild<QPushButton*>(QStringLiteral("openExportFolder")));
        message->close();
    }

    void integrationApiFeedsTheOpsPanels()
    {
        tick();
        QVERIFY(m_window->historyPanel() && m_window->alertLogPanel() && m_window->healthPanel());
        QCOMPARE(m_window->dock(QStringLiteral("historyDock"))->widget(), m_window->historyPanel());
        QCOMPARE(m_window->dock(QStringLiteral("alertDock"))->widget(), m_window->alertLogPanel());
        QCOMPARE(m_window->dock(QStringLiteral("healthDock"))->widget(), m_window->healthPanel());

        // Alerts while their tab is in the background: counted on the tab, cleared when seen.
        QDockWidget* alerts = m_window->dock(QStringLiteral("alertDock"));
        m_window->dock(QStringLiteral("breakdownDock"))->raise();
        QTRY_VERIFY(!m_window->isInView(m_window->alertLogPanel()));
        QVERIFY(m_window->isInView(m_window->breakdowns()));
        alert::Alert a;
        a.timeMs = 1'707'235'200'000;
        a.ruleName = QStringLiteral("Wiki surge");
        a.kind = alert::RuleKind::Surge;
        a.subject = QStringLiteral("enwiki");
        a.reason = QStringLiteral("enwiki: 48 edits in 15 min vs 3 in the hour before");
        m_window->addAlert(a);
        m_window->addAlert(a);
        QCOMPARE(m_window->alertLogPanel()->rowCount(), 2);
        QCOMPARE(alerts->windowTitle(), QStringLiteral("Alerts (2)"));
        alerts->raise();
        QTRY_COMPARE(alerts->windowTitle(), QStringLiteral("Alerts"));
        QCOMPARE(m_window->unseenAlerts(), 0);
        m_window->addAlert(a); // in view: no badge
        QCOMPARE(alerts->windowTitle(), QStringLiteral("Alerts"));

        // Health: kept while hidden, drawn when shown.
        pipeline::HealthMetrics metrics;
        ingest::IngestCounters counters;
        counters.received = 1'234'567;
        metrics.updateIngest(counters);
        m_window->setHealthSnapshot(metrics.snapshot());
        m_window->dock(QStringLiteral("healthDock"))->raise();
        QTRY_VERIFY(m_window->isInView(m_window->healthPanel()));
        QTRY_VERIFY(m_window->healthPanel()->findChild<QTreeWidget*>()->topLevelItemCount() > 0);

        // Storage trouble and Kafka lag in the status bar.
        ui::StatusLine* status = m_window->statusLine();
        m_window->setStorageMessage(QStringLiteral("disk full"));
        QCOMPARE(status->storageText(), QStringLiteral("⚠ History is not being saved: disk full"));
        QVERIFY(status->kafkaText().isEmpty()); // Kafka off: nothing shown
        m_window->setKafkaLag(1234, QStringLiteral("wikitide-events[0]: 1,000\nwikitide-events[1]: 234"));
        QCOMPARE(status->kafkaText(), QStringLiteral("Kafka lag 1,234"));
        QVERIFY(status->findChild<QLabel*>(QStringLiteral("statusKafka"))->toolTip().contains(QStringLiteral("[1]: 234")));
        QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_ops")).isEmpty());
        m_window->setStorageMessage({});
        QVERIFY(status->storageText().isEmpty());
        m_window->setKafkaLag(-1, {});
        QVERIFY(status->kafkaText().isEmpty());

        // Live: lag behind the wall clock, not the replay clock.
        auto live = std::make_shared<analytics::DashboardSnapshot>(*m_window->shownSnapshot());
        live->wallMs = QDateTime::currentMSecsSinceEpoch();
        live->clockMs = live->wallMs - 3000;
        m_window->setConnectionState(int(ui::ConnectionState::Live), {}, 0);
        m_window->showSnapshot(live);
        m_window->applyPendingSnapshot();
        QCOMPARE(status->lagText(), QStringLiteral("Lag 3.0 s"));
        QVERIFY(status->lastEventText().startsWith(QStringLiteral("Last event ")));
    }

    void alertRulesAreEditedRememberedAndPublished()
    {
        QSignalSpy spy(m_window.get(), &ui::MainWindow::alertRulesChanged);
        const int before = int(m_window->alertRules().size());
        QVERIFY(before > 0); // the module's defaults on a first start
        m_window->openAlertRulesDialog();
        auto* dialog = m_window->findChild<ui::AlertRulesDialog*>();
        QTRY_VERIFY(dialog && dialog->isVisible());
        QCOMPARE(int(dialog->rules().size()), before);
        dialog->addRule(alert::RuleKind::Keyword);
        auto* pattern = dialog->findChild<QLineEdit*>(QStringLiteral("pattern"));
        pattern->setText(QStringLiteral("vandal"));
        dialog->accept();
        QCOMPARE(spy.count(), 1);
        const QVariantList saved = spy.first().first().toList();
        QCOMPARE(int(saved.size()), before + 1);
        QCOMPARE(int(alert::rulesFromVariant(saved).size()), before + 1);

        makeWindow(); // remembered under alerts/rules, and published with the other settings
        QCOMPARE(m_window->alertRules(), saved);
        QSignalSpy published(m_window.get(), &ui::MainWindow::alertRulesChanged);
        m_window->publishSettings();
        QCOMPARE(published.count(), 1);
        QCOMPARE(published.first().first().toList(), saved);
        QSettings ini(settingsFile(), QSettings::IniFormat);
        QVERIFY(ini.contains(QStringLiteral("alerts/rules")));
    }

    void defaultLayoutReadsAtBothSizes()
    {
        for (const QSize size : {QSize(1600, 1000), QSize(1280, 800)}) {
            m_window->resize(size);
            QString minimums;
            for (QDockWidget* d : m_window->findChildren<QDockWidget*>())
                minimums += QStringLiteral("%1 %2x%3; ").arg(d->objectName()).arg(d->minimumSizeHint().width()).arg(d->minimumSizeHint().height());
            QTRY_VERIFY2(m_window->size() == size, qPrintable(minimums));
            m_window->resetLayout();
            QCoreApplication::processEvents();
            tick();
            QCoreApplication::processEvents();
            {
                QString minimums;
                for (QDockWidget* d : m_window->findChildren<QDockWidget*>())
                    minimums += QStringLiteral("%1 %2x%3; ").arg(d->objectName()).arg(d->minimumSizeHint().width()).arg(d->minimumSizeHint().height());
                minimums += QStringLiteral("central %1").arg(m_window->centralWidget()->minimumSizeHint().height());
                QVERIFY2(m_window->size() == size, qPrintable(minimums)); // the panels' minimum sizes fit
            }
            const int em = m_window->fontMetrics().height();
            // Every main view gets room for readable axes and rows.
            QVERIFY2(m_window->battlefield()->height() >= em * 14, qPrintable(QString::number(m_window->battlefield()->height())));
            QVERIFY2(m_window->traffic()->height() >= em * 11, qPrintable(QString::number(m_window->traffic()->height())));
            QVERIFY(m_window->battlefield()->width() >= size.width() / 2);
            QVERIFY(m_window->leaderboards()->width() >= em * 25);
            QVERIFY(m_window->leaderboards()->height() >= em * 10);
            QVERIFY(m_window->isInView(m_window->breakdowns()));
            QVERIFY(!m_window->isInView(m_window->healthPanel()));
            QVERIFY(m_window->kpis()->isVisible());
            // The secondary views share one tab group beside the leaderboards.
            const auto tabbed = m_window->tabifiedDockWidgets(m_window->dock(QStringLiteral("breakdownDock")));
            QCOMPARE(tabbed.size(), 5);
            QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_%1x%2").arg(size.width()).arg(size.height())).isEmpty());
        }
    }

    void tabbedAwayPanelsAreDrawnWhenShown()
    {
        m_window->resetLayout();
        QCoreApplication::processEvents();
        const auto s = tick();
        QVERIFY(!s->engagement.empty());
        QVERIFY(!m_window->isInView(m_window->engagement()));
        QVERIFY(m_window->engagement()->categories().isEmpty()); // skipped while in the background
        m_window->dock(QStringLiteral("engagementDock"))->raise();
        QTRY_COMPARE(m_window->engagement()->categories().size(), qsizetype(s->engagement.size()));
        QCOMPARE(m_window->engagement()->values().first(), double(s->engagement.front().users));
        QVERIFY(!test::saveScreenshot(m_window->engagement(), QStringLiteral("engagement")).isEmpty());
    }

    void darkPaletteScreenshot()
    {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::PlaceholderText, QColor(0xa0, 0xa0, 0xa0));
        const QPalette light = QApplication::palette();
        QApplication::setPalette(dark);
        makeWindow();
        tick();
        QVERIFY(!test::saveScreenshot(m_window.get(), QStringLiteral("mainwindow_dark")).isEmpty());
        const QColor background = m_window->battlefield()->chart()->backgroundBrush().color();
        QVERIFY(background.lightness() < 128);
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
