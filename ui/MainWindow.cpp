#include "MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScreen>
#include <QStatusBar>
#include <QTimer>
#include <QVBoxLayout>

#include "AlertLogPanel.h"
#include "AppIcon.h"
#include "AlertRulesDialog.h"
#include "BattlefieldPanel.h"
#include "BreakdownPanel.h"
#include "ConnectionBanner.h"
#include "ControlBar.h"
#include "DockArrangement.h"
#include "EngagementPanel.h"
#include "FilterDialog.h"
#include "HealthPanel.h"
#include "HistoryPanel.h"
#include "KeywordPanel.h"
#include "KpiPanel.h"
#include "LeaderboardPanel.h"
#include "StatusLine.h"
#include "TrafficPanel.h"
#include "UiSettings.h"
#include "WikimediaUrl.h"

namespace wt::ui {

namespace {
// A tabbed-away dock stays "visible" but is moved outside the window: what counts is whether
// any of it can be seen.
bool inView(const QWidget* w)
{
    if (!w->isVisible())
        return false;
    const QWidget* top = w->window();
    return QRect(w->mapTo(top, QPoint(0, 0)), w->size()).intersects(top->rect());
}
} // namespace

MainWindow::MainWindow(const UiOptions& options, QWidget* parent)
    : QMainWindow(parent), m_options(options), m_settings(std::make_unique<UiSettings>(options.settingsFile)),
      m_opener([](const QUrl& url) { QDesktopServices::openUrl(url); })
{
    qRegisterMetaType<analytics::DashboardSnapshotPtr>();
    qRegisterMetaType<analytics::Filter>();
    qRegisterMetaType<alert::Alert>();
    setWindowTitle(tr("WikiTide"));
    setWindowIcon(appIcon());
    setObjectName(QStringLiteral("mainWindow"));

    // Menu bar and banner share the menu-widget slot, so the banner spans the whole window top.
    auto* top = new QWidget(this);
    auto* topBox = new QVBoxLayout(top);
    topBox->setContentsMargins(0, 0, 0, 0);
    topBox->setSpacing(0);
    auto* menus = new QMenuBar(top);
    m_banner = new ConnectionBanner(top);
    topBox->addWidget(menus);
    topBox->addWidget(m_banner);
    setMenuWidget(top);

    m_controls = new ControlBar(this);
    addToolBar(Qt::TopToolBarArea, m_controls);
    createPanels();

    m_status = new StatusLine(this);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(new QLabel(m_battlefield->usesOpenGl() ? tr("OpenGL") : tr("Software rendering"), this));

    m_apply = new QTimer(this);
    m_apply->setSingleShot(true);
    m_apply->setInterval(0);
    connect(m_apply, &QTimer::timeout, this, &MainWindow::applyPendingSnapshot);

    buildMenus(menus);
    connectControls();

    // Restore what the user chose last time.
    m_filter = m_settings->filter();
    m_controls->setLookbackMs(m_settings->lookbackMs());
    m_controls->setRefreshMs(m_settings->refreshMs());
    m_controls->setTopN(m_settings->topN());
    m_controls->setFilterSummary(FilterDialog::summary(m_filter));
    m_keywords->setKeywords(m_settings->keywords());
    m_banner->setSamplePath(options.samplePath);
    const int em = fontMetrics().height();
    if (!restoreGeometry(m_settings->geometry())) {
        const QRect screen = QApplication::primaryScreen() ? QApplication::primaryScreen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(std::min(screen.width(), em * 100), std::min(screen.height(), em * 62));
    }
    m_layoutRestored = restoreState(m_settings->windowState());
}

MainWindow::~MainWindow() = default;

void MainWindow::createPanels()
{
    m_battlefield = new BattlefieldPanel(!m_options.noOpenGl, this);
    setCentralWidget(m_battlefield);
    m_kpis = new KpiPanel(this);
    m_traffic = new TrafficPanel(this);
    m_leaderboards = new LeaderboardPanel(this);
    m_breakdowns = new BreakdownPanel(this);
    m_engagement = new EngagementPanel(this);
    m_keywords = new KeywordPanel(this);
    m_history = new HistoryPanel(this);
    m_alertLog = new AlertLogPanel(this);
    m_health = new HealthPanel(this);

    using Place = DockArrangement::Place;
    m_docks = std::make_unique<DockArrangement>(this);
    m_docks->add(m_kpis, QStringLiteral("kpiDock"), tr("Key figures"), Place::Top);
    m_docks->add(m_traffic, QStringLiteral("trafficDock"), tr("Traffic"), Place::BelowCentre);
    m_docks->add(m_leaderboards, QStringLiteral("leaderboardDock"), tr("Leaderboards"), Place::Right);
    m_docks->add(m_breakdowns, QStringLiteral("breakdownDock"), tr("Breakdowns"), Place::RightTabs);
    m_docks->add(m_engagement, QStringLiteral("engagementDock"), tr("Engagement"), Place::RightTabs);
    m_docks->add(m_keywords, QStringLiteral("keywordDock"), tr("Keywords"), Place::RightTabs);
    m_docks->add(m_history, QStringLiteral("historyDock"), tr("History"), Place::RightTabs);
    m_docks->add(m_alertLog, QStringLiteral("alertDock"), tr("Alerts"), Place::RightTabs);
    m_docks->add(m_health, QStringLiteral("healthDock"), tr("Health"), Place::RightTabs);
    m_docks->arrange();
    for (QDockWidget* dock : m_docks->docks())
        connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
            if (visible && m_shown)
                m_apply->start(); // catch up the panel that just came into view
        });
    connect(m_docks->dock(QStringLiteral("alertDock")), &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible) {
            m_unseenAlerts = 0;
            updateAlertTitle();
        }
    });
    connect(m_docks->dock(QStringLiteral("healthDock")), &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_pendingHealth)
            setHealthSnapshot(*std::exchange(m_pendingHealth, nullptr));
    });

    auto view = [this](QWidget* w, auto draw) { m_views.push_back({w, draw, nullptr}); };
    view(m_kpis, [this](const analytics::DashboardSnapshotPtr& s) { m_kpis->showSnapshot(*s); });
    view(m_traffic, [this](const analytics::DashboardSnapshotPtr& s) { m_traffic->showSnapshot(*s); });
    view(m_leaderboards, [this](const analytics::DashboardSnapshotPtr& s) { m_leaderboards->showSnapshot(*s); });
    view(m_battlefield, [this](const analytics::DashboardSnapshotPtr& s) { m_battlefield->showSnapshot(s); });
    view(m_keywords, [this](const analytics::DashboardSnapshotPtr& s) { m_keywords->showSnapshot(*s); });
    view(m_breakdowns, [this](const analytics::DashboardSnapshotPtr& s) { m_breakdowns->showSnapshot(*s); });
    view(m_engagement, [this](const analytics::DashboardSnapshotPtr& s) { m_engagement->showSnapshot(*s); });
}

QDockWidget* MainWindow::dock(const QString& name) const { return m_docks->dock(name); }

bool MainWindow::isInView(const QWidget* panel) const { return inView(panel); }

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_sized && !m_layoutRestored) {
        m_sized = true;
        // The default split depends on the window's size, known only now; resizeDocks() splits
        // what the layout has, so lay out first. Again once the window system settled the size.
        layout()->activate();
        m_docks->applyDefaultSizes();
        QTimer::singleShot(0, this, [this] {
            layout()->activate();
            m_docks->applyDefaultSizes();
        });
    }
}

void MainWindow::resetLayout()
{
    // Re-docking one panel at a time briefly stacks them, which can grow the window: keep its size.
    const QSize before = size();
    m_docks->arrange();
    layout()->activate();
    resize(before);
    layout()->activate();
    m_docks->applyDefaultSizes();
}

void MainWindow::buildMenus(QMenuBar* menus)
{
    QMenu* file = menus->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_controls->goLiveAction());
    file->addAction(m_controls->openRecordingAction());
    file->addSeparator();
    QAction* exportAction = file->addAction(tr("&Export snapshot…"), this, &MainWindow::exportWithDialog);
    exportAction->setObjectName(QStringLiteral("exportAction"));
    exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menus->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_controls->pauseAction());
    view->addAction(m_controls->filtersAction());
    view->addSeparator();
    for (QDockWidget* dock : m_docks->docks())
        view->addAction(dock->toggleViewAction());
    view->addAction(m_controls->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Reset layout"), this, &MainWindow::resetLayout);

    QMenu* alerts = menus->addMenu(tr("&Alerts"));
    alerts->setObjectName(QStringLiteral("alertsMenu"));
    QAction* rules = alerts->addAction(tr("&Rules…"), this, &MainWindow::openAlertRulesDialog);
    rules->setObjectName(QStringLiteral("alertRulesAction"));
    alerts->addAction(tr("Show the alert log"), this, [this] {
        QDockWidget* d = m_docks->dock(QStringLiteral("alertDock"));
        d->show();
        d->raise();
    });
}

void MainWindow::connectControls()
{
    connect(m_controls, &ControlBar::lookbackChosen, this, [this](qint64 ms) {
        m_settings->setLookbackMs(ms);
        emit lookbackChanged(ms);
    });
    connect(m_controls, &ControlBar::refreshChosen, this, [this](int ms) {
        m_settings->setRefreshMs(ms);
        emit refreshChanged(ms);
    });
    connect(m_controls, &ControlBar::topNChosen, this, [this](int n) {
        m_settings->setTopN(n);
        emit topNChanged(n);
    });
    connect(m_controls->pauseAction(), &QAction::toggled, this, &MainWindow::setPaused);
    connect(m_controls->filtersAction(), &QAction::triggered, this, &MainWindow::openFilterDialog);
    connect(m_controls->openRecordingAction(), &QAction::triggered, this, &MainWindow::openRecordingDialog);
    connect(m_controls->goLiveAction(), &QAction::triggered, this, &MainWindow::goLiveRequested);
    connect(m_keywords, &KeywordPanel::keywordsChanged, this, [this](const QStringList& k) {
        m_settings->setKeywords(k);
        emit keywordsChanged(k);
    });
    connect(m_banner, &ConnectionBanner::openSampleRequested, this, &MainWindow::openRecordingRequested);
    connect(m_banner, &ConnectionBanner::retryRequested, this, &MainWindow::goLiveRequested);
    connect(m_leaderboards, &LeaderboardPanel::openUrlRequested, this, &MainWindow::openUrl);
    connect(m_battlefield, &BattlefieldPanel::openUrlRequested, this, &MainWindow::openUrl);
    connect(m_keywords, &KeywordPanel::openUrlRequested, this, &MainWindow::openUrl);
    connect(m_alertLog, &AlertLogPanel::openUrlRequested, this, &MainWindow::openUrl);
}

void MainWindow::publishSettings()
{
    emit lookbackChanged(m_controls->lookbackMs());
    emit refreshChanged(m_controls->refreshMs());
    emit topNChanged(m_controls->topN());
    emit filterChanged(m_filter);
    emit keywordsChanged(m_keywords->keywords());
    emit alertRulesChanged(alertRules());
}

void MainWindow::showSnapshot(analytics::DashboardSnapshotPtr snapshot)
{
    if (!snapshot)
        return;
    m_latest = std::move(snapshot);
    if (!m_paused && !m_apply->isActive())
        m_apply->start(); // a burst of snapshots is drawn once, with the newest
}

void MainWindow::applyPendingSnapshot()
{
    if (m_paused || !m_latest)
        return;
    m_shown = m_latest;
    // Hidden panels (closed or tabbed away) cost nothing; visibilityChanged catches them up.
    for (View& v : m_views) {
        if (v.drawn == m_shown || !inView(v.widget))
            continue;
        v.draw(m_shown);
        v.drawn = m_shown;
    }
    m_status->showSnapshot(*m_shown);
}

void MainWindow::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    m_controls->pauseAction()->setChecked(paused);
    m_controls->pauseAction()->setText(paused ? tr("Resume view") : tr("Pause view"));
    m_status->setPaused(paused);
    if (!paused)
        applyPendingSnapshot(); // catch up at once with what arrived meanwhile
    emit pausedChanged(paused);
}

void MainWindow::setConnectionState(int state, const QString& detail, int retryInMs)
{
    const auto s = ConnectionState(std::clamp(state, 0, int(ConnectionState::Replaying)));
    m_banner->setConnectionState(s, detail, retryInMs);
    m_status->setConnectionState(s, detail, retryInMs);
}

void MainWindow::setSamplePath(const QString& path)
{
    m_options.samplePath = path;
    m_banner->setSamplePath(path);
}

void MainWindow::setFilter(const analytics::Filter& filter)
{
    m_filter = filter;
    m_settings->setFilter(filter);
    m_controls->setFilterSummary(FilterDialog::summary(filter));
    emit filterChanged(filter);
}

void MainWindow::showKeywordRejected(const QString& pattern, const QString& error)
{
    m_keywords->showRejected(pattern, error);
}

void MainWindow::addAlert(const alert::Alert& alert)
{
    m_alertLog->addAlert(alert);
    if (!inView(m_alertLog)) {
        ++m_unseenAlerts;
        updateAlertTitle();
    }
}

void MainWindow::updateAlertTitle()
{
    QDockWidget* d = m_docks->dock(QStringLiteral("alertDock"));
    const QString title = m_unseenAlerts > 0 ? tr("Alerts (%1)").arg(m_unseenAlerts) : tr("Alerts");
    if (d->windowTitle() != title)
        d->setWindowTitle(title); // also the tab's text when tabbed
}

void MainWindow::setHealthSnapshot(const pipeline::HealthSnapshot& snapshot)
{
    if (!inView(m_health)) {
        m_pendingHealth = std::make_unique<pipeline::HealthSnapshot>(snapshot);
        return;
    }
    m_health->setSnapshot(snapshot);
}

void MainWindow::setStorageMessage(const QString& message) { m_status->setStorageMessage(message); }

void MainWindow::setKafkaLag(qint64 total, const QString& perPartitionDetail)
{
    m_status->setKafkaLag(total, perPartitionDetail);
}

QVariantList MainWindow::alertRules() const { return m_settings->alertRules(); }

void MainWindow::openAlertRulesDialog()
{
    if (auto* open = findChild<AlertRulesDialog*>(); open) {
        open->raise();
        open->activateWindow();
        return;
    }
    auto* dialog = new AlertRulesDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRules(alert::rulesFromVariant(m_settings->alertRules()));
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QVariantList rules = alert::rulesToVariant(dialog->rules());
        m_settings->setAlertRules(rules);
        m_settings->sync();
        emit alertRulesChanged(rules);
    });
    dialog->open();
}

void MainWindow::openFilterDialog()
{
    FilterDialog dialog(this);
    dialog.setFilter(m_filter);
    if (dialog.exec() == QDialog::Accepted)
        setFilter(dialog.filter());
}

void MainWindow::openRecordingDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open a recording"), m_settings->recordingDir(),
        tr("Recordings (*.ndjson *.ndjson.gz *.sse *.sse.gz *.jsonl *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings->setRecordingDir(QFileInfo(path).absolutePath());
    emit openRecordingRequested(path);
}

ExportResult MainWindow::exportSnapshotTo(const QString& dir)
{
    if (!m_shown && !m_latest)
        return {false, {}, tr("There is nothing to export yet: no snapshot has arrived.")};
    // The view's snapshot: while paused, export what the user is looking at.
    return exportSnapshot(m_shown ? *m_shown : *m_latest, dir);
}

ExportResult MainWindow::exportAndTell(const QString& dir)
{
    const ExportResult result = exportSnapshotTo(dir);
    delete findChild<QMessageBox*>(QStringLiteral("exportMessage"));
    auto* box = new QMessageBox(this);
    box->setObjectName(QStringLiteral("exportMessage"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    if (!result.ok) {
        box->setIcon(QMessageBox::Warning);
        box->setWindowTitle(tr("Export failed"));
        box->setText(result.error);
        box->setStandardButtons(QMessageBox::Close);
    } else {
        box->setIcon(QMessageBox::Information);
        box->setWindowTitle(tr("Snapshot exported"));
        box->setText(tr("The snapshot was written to\n%1").arg(QDir::toNativeSeparators(result.folder)));
        box->setStandardButtons(QMessageBox::Close);
        QPushButton* open = box->addButton(tr("Open folder"), QMessageBox::ActionRole);
        open->setObjectName(QStringLiteral("openExportFolder"));
        const QUrl folder = QUrl::fromLocalFile(result.folder);
        // An action button would close the box first; opening the folder is its whole job.
        connect(open, &QPushButton::clicked, this, [this, folder] { m_opener(folder); });
    }
    box->open(); // non-modal: the dashboard keeps drawing
    return result;
}

void MainWindow::exportWithDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export snapshot to"), m_settings->exportDir());
    if (dir.isEmpty())
        return;
    m_settings->setExportDir(dir);
    exportAndTell(dir);
}

void MainWindow::openUrl(const QUrl& url)
{
    // Panels already vet their URLs; check again at the one place that opens the browser.
    if (url::isWikimedia(url))
        m_opener(url);
}

void MainWindow::saveLayout()
{
    m_settings->setWindowLayout(saveGeometry(), saveState());
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

} // namespace wt::ui
