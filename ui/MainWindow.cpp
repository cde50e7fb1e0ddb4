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

#include "BattlefieldPanel.h"
#include "BreakdownPanel.h"
#include "ConnectionBanner.h"
#include "ControlBar.h"
#include "FilterDialog.h"
#include "KeywordPanel.h"
#include "KpiPanel.h"
#include "LeaderboardPanel.h"
#include "StatusLine.h"
#include "TrafficPanel.h"
#include "UiSettings.h"
#include "WikimediaUrl.h"

namespace wt::ui {

MainWindow::MainWindow(const UiOptions& options, QWidget* parent)
    : QMainWindow(parent), m_options(options), m_settings(std::make_unique<UiSettings>(options.settingsFile))
{
    qRegisterMetaType<analytics::DashboardSnapshotPtr>();
    qRegisterMetaType<analytics::Filter>();
    setWindowTitle(tr("WikiTide"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/wikitide.svg")));
    setObjectName(QStringLiteral("mainWindow"));
    setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
    setCorner(Qt::TopLeftCorner, Qt::TopDockWidgetArea);
    setCorner(Qt::TopRightCorner, Qt::TopDockWidgetArea);

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

    m_battlefield = new BattlefieldPanel(!options.noOpenGl, this);
    setCentralWidget(m_battlefield);
    m_kpis = new KpiPanel(this);
    m_traffic = new TrafficPanel(this);
    m_breakdowns = new BreakdownPanel(this);
    m_leaderboards = new LeaderboardPanel(this);
    m_keywords = new KeywordPanel(this);
    QDockWidget* kpiDock = addPanel(m_kpis, QStringLiteral("kpiDock"), tr("Key figures"), Qt::TopDockWidgetArea);
    QDockWidget* trafficDock = addPanel(m_traffic, QStringLiteral("trafficDock"), tr("Traffic"), Qt::LeftDockWidgetArea);
    QDockWidget* breakdownDock = addPanel(m_breakdowns, QStringLiteral("breakdownDock"), tr("Breakdowns"), Qt::LeftDockWidgetArea);
    QDockWidget* boardDock = addPanel(m_leaderboards, QStringLiteral("leaderboardDock"), tr("Leaderboards"), Qt::RightDockWidgetArea);
    QDockWidget* keywordDock = addPanel(m_keywords, QStringLiteral("keywordDock"), tr("Keyword monitor"), Qt::RightDockWidgetArea);
    const int em = fontMetrics().height();
    resizeDocks({trafficDock, boardDock}, {em * 34, em * 36}, Qt::Horizontal);
    resizeDocks({trafficDock, breakdownDock, boardDock, keywordDock}, {em * 20, em * 26, em * 24, em * 20}, Qt::Vertical);
    resizeDocks({kpiDock}, {em * 7}, Qt::Vertical);

    m_status = new StatusLine(this);
    statusBar()->addWidget(m_status, 1);
    m_battlefield->setToolTip(QString());
    statusBar()->addPermanentWidget(new QLabel(m_battlefield->usesOpenGl() ? tr("OpenGL") : tr("Software rendering"), this));

    m_apply = new QTimer(this);
    m_apply->setSingleShot(true);
    m_apply->setInterval(0);
    connect(m_apply, &QTimer::timeout, this, &MainWindow::applyPendingSnapshot);

    buildMenus();
    menus->addMenu(findChild<QMenu*>(QStringLiteral("fileMenu")));
    menus->addMenu(findChild<QMenu*>(QStringLiteral("viewMenu")));
    connectControls();

    // Restore what the user chose last time.
    m_filter = m_settings->filter();
    m_controls->setLookbackMs(m_settings->lookbackMs());
    m_controls->setRefreshMs(m_settings->refreshMs());
    m_controls->setTopN(m_settings->topN());
    m_controls->setFilterSummary(FilterDialog::summary(m_filter));
    m_keywords->setKeywords(m_settings->keywords());
    m_banner->setSamplePath(options.samplePath);
    m_defaultState = saveState();
    if (!restoreGeometry(m_settings->geometry())) {
        const QRect screen = QApplication::primaryScreen() ? QApplication::primaryScreen()->availableGeometry() : QRect(0, 0, 1600, 1000);
        resize(std::min(screen.width(), em * 100), std::min(screen.height(), em * 62));
    }
    restoreState(m_settings->windowState());
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& name, const QString& title,
                                  Qt::DockWidgetArea area)
{
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(name); // saveState() needs stable names
    dock->setWidget(panel);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                      QDockWidget::DockWidgetClosable);
    addDockWidget(area, dock);
    // A hidden panel skips its updates; catch it up when it shows again.
    connect(dock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible && m_shown)
            m_apply->start();
    });
    m_docks.append(dock);
    return dock;
}

void MainWindow::buildMenus()
{
    auto* file = new QMenu(tr("&File"), this);
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

    auto* view = new QMenu(tr("&View"), this);
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_controls->pauseAction());
    view->addAction(m_controls->filtersAction());
    view->addSeparator();
    for (QDockWidget* dock : std::as_const(m_docks))
        view->addAction(dock->toggleViewAction());
    view->addAction(m_controls->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Reset layout"), this, [this] {
        restoreState(m_defaultState);
        for (QDockWidget* dock : std::as_const(m_docks))
            dock->show();
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
}

void MainWindow::publishSettings()
{
    emit lookbackChanged(m_controls->lookbackMs());
    emit refreshChanged(m_controls->refreshMs());
    emit topNChanged(m_controls->topN());
    emit filterChanged(m_filter);
    emit keywordsChanged(m_keywords->keywords());
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
    const analytics::DashboardSnapshot& s = *m_shown;
    // Hidden panels (closed or tabbed away) cost nothing; visibilityChanged catches them up.
    if (m_kpis->isVisible())
        m_kpis->showSnapshot(s);
    if (m_traffic->isVisible())
        m_traffic->showSnapshot(s);
    if (m_leaderboards->isVisible())
        m_leaderboards->showSnapshot(s);
    if (m_battlefield->isVisible())
        m_battlefield->showSnapshot(m_shown);
    if (m_keywords->isVisible())
        m_keywords->showSnapshot(s);
    if (m_breakdowns->isVisible())
        m_breakdowns->showSnapshot(s);
    m_status->showSnapshot(s);
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

void MainWindow::exportWithDialog()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export snapshot to"), m_settings->exportDir());
    if (dir.isEmpty())
        return;
    m_settings->setExportDir(dir);
    const ExportResult result = exportSnapshotTo(dir);
    if (!result.ok) {
        QMessageBox::warning(this, tr("Export failed"), result.error);
        return;
    }
    QMessageBox box(QMessageBox::Information, tr("Snapshot exported"),
                    tr("The snapshot was written to\n%1").arg(QDir::toNativeSeparators(result.folder)),
                    QMessageBox::Close, this);
    QPushButton* open = box.addButton(tr("Open folder"), QMessageBox::ActionRole);
    box.exec();
    if (box.clickedButton() == open)
        QDesktopServices::openUrl(QUrl::fromLocalFile(result.folder));
}

void MainWindow::openUrl(const QUrl& url)
{
    // Panels already vet their URLs; check again at the one place that opens the browser.
    if (url::isWikimedia(url))
        QDesktopServices::openUrl(url);
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
