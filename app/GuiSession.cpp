#include "GuiSession.h"

#include "AlertLogPanel.h"
#include "AlertNotifier.h"
#include "AppIcon.h"
#include "HealthPanel.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "UiSettings.h"
#include "alert/Alert.h"
#include "pipeline/Engine.h"
#include "pipeline/ShutdownSignals.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QPixmap>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTimer>
#include <cmath>
#include <cstdio>

namespace wt::app {

namespace {

bool anyExplicit(const pipeline::Settings& s, std::initializer_list<const char*> names)
{
    for (const char* n : names)
        if (s.explicitOptions.contains(QString::fromLatin1(n)))
            return true;
    return false;
}

void sayErr(const QString& text)
{
    const QByteArray bytes = QStringLiteral("wikitide: %1\n").arg(text).toUtf8();
    std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

} // namespace

QString findSampleRecording()
{
    const QString name = QStringLiteral("recentchange-sample.ndjson");
    const QString installed = QDir(QCoreApplication::applicationDirPath())
                                  .filePath(QStringLiteral("../share/wikitide/samples/") + name);
    if (QFileInfo::exists(installed))
        return QFileInfo(installed).canonicalFilePath();
#ifdef WT_SOURCE_SAMPLE_DIR
    const QString source = QStringLiteral(WT_SOURCE_SAMPLE_DIR "/") + name;
    if (QFileInfo::exists(source))
        return source;
#endif
    return {};
}

GuiSession::GuiSession(pipeline::Settings settings, QVariantList alertRules, QString samplePath)
    : m_settings(std::move(settings)), m_alertRules(std::move(alertRules)),
      m_samplePath(std::move(samplePath))
{
}

GuiSession::~GuiSession()
{
    shutdown();
}

void GuiSession::pushExplicitOptions()
{
    // The window remembers the user's last choices; an option given on the command line or in
    // the environment wins over them (and is remembered in turn).
    ui::UiSettings remembered(m_settings.configFile);
    if (anyExplicit(m_settings, {"lookback"}))
        remembered.setLookbackMs(m_settings.lookbackMs);
    if (anyExplicit(m_settings, {"refresh"}))
        remembered.setRefreshMs(m_settings.refreshMs);
    if (anyExplicit(m_settings, {"top"}))
        remembered.setTopN(m_settings.topN);
    if (anyExplicit(m_settings, {"no-bots", "no-humans", "namespace", "types", "wiki",
                                 "exclude-wikis", "min-delta"}))
        remembered.setFilter(m_settings.filter);
    if (anyExplicit(m_settings, {"keyword"}))
        remembered.setKeywords(m_settings.keywords);
    if (!m_settings.exportDir.isEmpty())
        remembered.setExportDir(m_settings.exportDir);
    remembered.sync();
}

bool GuiSession::start(QString* error)
{
    pushExplicitOptions();
    ui::UiOptions options;
    options.noOpenGl = m_settings.noOpenGl;
    options.samplePath = m_samplePath;
    options.settingsFile = m_settings.configFile;
    m_window = std::make_unique<ui::MainWindow>(options);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(ui::appIcon(), this);
        m_tray->show();
    }
    m_notifier = new ui::AlertNotifier(m_tray, this);

    m_engine = std::make_unique<pipeline::Engine>(m_settings, m_alertRules);
    wireEngine();
    // The remembered view settings reach the engine before its analytics thread starts.
    m_window->publishSettings();
    if (!m_engine->start(error))
        return false;
    if (m_engine->store())
        m_window->historyPanel()->connectStore(m_engine->store());
    if (m_engine->isReplay())
        m_window->historyPanel()->setClock([this] {
            const auto s = m_engine ? m_engine->latestSnapshot() : nullptr;
            return s && s->clockMs > 0 ? s->clockMs : QDateTime::currentMSecsSinceEpoch();
        });

    auto* signals_ = new pipeline::ShutdownSignals(this);
    connect(signals_, &pipeline::ShutdownSignals::received, this, [this] {
        sayErr(QStringLiteral("signal received, closing the window"));
        m_window->close();
        emit quitRequested(0);
    });
    connect(qApp, &QCoreApplication::aboutToQuit, this, &GuiSession::shutdown);

    if (!m_settings.screenshotFile.isEmpty())
        m_window->resize(1600, 1000); // docs and tests: the layout the default docks are made for
    m_window->show();
    if (m_settings.quitAfterSeconds > 0)
        QTimer::singleShot(int(std::lround(m_settings.quitAfterSeconds * 1000)), this,
                           &GuiSession::takeScreenshot);
    return true;
}

void GuiSession::wireEngine()
{
    using pipeline::Engine;
    ui::MainWindow* w = m_window.get();
    Engine* e = m_engine.get();
    connect(w, &ui::MainWindow::lookbackChanged, e, &Engine::setLookback);
    connect(w, &ui::MainWindow::refreshChanged, e, &Engine::setRefreshInterval);
    connect(w, &ui::MainWindow::topNChanged, e, &Engine::setTopN);
    connect(w, &ui::MainWindow::filterChanged, e, &Engine::setFilter);
    connect(w, &ui::MainWindow::keywordsChanged, e, &Engine::setKeywords);
    connect(w, &ui::MainWindow::openRecordingRequested, e, [this](const QString& path) {
        m_engine->openRecording(path, m_settings.speed);
    });
    connect(w, &ui::MainWindow::goLiveRequested, e, &Engine::goLive);
    // Pausing freezes the view only (MainWindow keeps the newest snapshot); the engine goes on.

    connect(e, &Engine::snapshotReady, w, &ui::MainWindow::showSnapshot);
    connect(e, &Engine::connectionStateChanged, w, &ui::MainWindow::setConnectionState);
    connect(e, &Engine::keywordRejected, w, &ui::MainWindow::showKeywordRejected);
    connect(e, &Engine::alertRaised, w, &ui::MainWindow::addAlert);
    connect(e, &Engine::alertRaised, m_notifier, &ui::AlertNotifier::notify);
    connect(w, &ui::MainWindow::alertRulesChanged, e, &Engine::setAlertRules);
    connect(e, &Engine::healthUpdated, w, &ui::MainWindow::setHealthSnapshot);
    connect(e, &Engine::knownWikisChanged, w->historyPanel(), &ui::HistoryPanel::setKnownWikis);
    connect(e, &Engine::storageError, w, &ui::MainWindow::setStorageMessage);
    connect(e, &Engine::kafkaLagChanged, w, &ui::MainWindow::setKafkaLag);
    connect(e, &Engine::notice, this, [](const QString& m) { sayErr(m); });
    connect(e, &Engine::warning, this, [](const QString& m) { sayErr(QStringLiteral("warning: ") + m); });
    connect(e, &Engine::fatalError, w, [w](const QString& m) {
        sayErr(QStringLiteral("error: ") + m);
        w->statusBar()->showMessage(m);
    });
}

void GuiSession::takeScreenshot()
{
    int code = 0;
    if (!m_settings.screenshotFile.isEmpty()) {
        m_window->applyPendingSnapshot();
        const QPixmap shot = m_window->grab();
        if (shot.isNull() || !shot.save(m_settings.screenshotFile, "PNG")) {
            sayErr(QStringLiteral("cannot write the screenshot %1").arg(m_settings.screenshotFile));
            code = 1;
        } else {
            sayErr(QStringLiteral("screenshot saved to %1").arg(m_settings.screenshotFile));
        }
    }
    m_window->close();
    emit quitRequested(code);
}

void GuiSession::shutdown()
{
    if (m_shutDown)
        return;
    m_shutDown = true;
    // Ingest first, analytics drained, the store flushed, then the threads joined.
    if (m_engine)
        m_engine->stop();
}

} // namespace wt::app
