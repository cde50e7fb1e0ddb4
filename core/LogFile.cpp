#include "LogFile.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <atomic>

#include "Redaction.h"

namespace wt {

namespace {
std::atomic<LogFile*> g_active{nullptr};

char levelLetter(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg: return 'D';
    case QtInfoMsg: return 'I';
    case QtWarningMsg: return 'W';
    case QtCriticalMsg: return 'E';
    case QtFatalMsg: return 'F';
    }
    return '?';
}
} // namespace

QString LogFile::defaultPath()
{
    // Qt 6.4 has no QStandardPaths::StateLocation (6.7+), so follow the XDG spec directly.
    QString base = qEnvironmentVariable("XDG_STATE_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base))
        base = QDir::homePath() + QStringLiteral("/.local/state");
    return base + QStringLiteral("/wikitide/wikitide.log");
}

LogFile::LogFile(Options options)
    : m_options(std::move(options))
{
    if (m_options.path.isEmpty())
        m_options.path = defaultPath();
    m_options.keep = qMax(m_options.keep, 0);
    m_options.maxBytes = qMax<qint64>(m_options.maxBytes, 4096);
}

LogFile::~LogFile()
{
    uninstall();
}

bool LogFile::open(QString* error)
{
    std::lock_guard lock(m_mutex);
    const QFileInfo info(m_options.path);
    if (!QDir().mkpath(info.absolutePath())) {
        if (error)
            *error = QStringLiteral("cannot create the log directory %1").arg(info.absolutePath());
        return false;
    }
    m_file.setFileName(m_options.path);
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
        if (error)
            *error = QStringLiteral("cannot open the log file %1: %2").arg(m_options.path, m_file.errorString());
        return false;
    }
    return true;
}

void LogFile::install()
{
    if (m_installed)
        return;
    g_active.store(this);
    m_previous = qInstallMessageHandler(&LogFile::handler);
    m_installed = true;
}

void LogFile::uninstall()
{
    if (!m_installed)
        return;
    qInstallMessageHandler(m_previous);
    LogFile* self = this;
    g_active.compare_exchange_strong(self, nullptr);
    m_installed = false;
}

void LogFile::handler(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (LogFile* log = g_active.load())
        log->write(type, context, message);
}

void LogFile::write(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    const QString clean = redactText(message);
    if (m_options.echo && m_previous)
        m_previous(type, context, clean);
    const QByteArray line = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8() + ' '
        + levelLetter(type) + ' ' + QByteArray(context.category ? context.category : "default") + ": "
        + clean.toUtf8() + '\n';
    std::lock_guard lock(m_mutex);
    if (!m_file.isOpen())
        return;
    if (m_file.size() > 0 && m_file.size() + line.size() > m_options.maxBytes)
        rotate();
    m_file.write(line);
    m_file.flush();
}

void LogFile::rotate()
{
    m_file.close();
    const QString& p = m_options.path;
    if (m_options.keep == 0) {
        QFile::remove(p);
    } else {
        QFile::remove(p + QLatin1Char('.') + QString::number(m_options.keep));
        for (int i = m_options.keep - 1; i >= 1; --i)
            QFile::rename(p + QLatin1Char('.') + QString::number(i), p + QLatin1Char('.') + QString::number(i + 1));
        QFile::rename(p, p + QStringLiteral(".1"));
    }
    ++m_rotations;
    m_file.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text);
}

} // namespace wt
