#pragma once
// A rotating log file in the XDG state location, installed as the Qt message handler: every
// message is redacted, written with time, level and category, and echoed to the previous
// handler (stderr). Thread-safe: Qt calls the handler from any thread.

#include <QFile>
#include <QString>
#include <QtGlobal>
#include <mutex>

namespace wt {

class LogFile {
public:
    struct Options {
        QString path;                      // empty = defaultPath()
        qint64 maxBytes = 5 * 1024 * 1024; // rotate when the file would grow past this
        int keep = 3;                      // rotated files kept: wikitide.log.1 .. .3
        bool echo = true;                  // also pass messages on to the previous handler
    };

    // $XDG_STATE_HOME/wikitide/wikitide.log, or ~/.local/state/wikitide/wikitide.log.
    static QString defaultPath();

    explicit LogFile(Options options);
    ~LogFile();
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;

    // Creates the directory and opens the file for appending; false with a message on failure.
    bool open(QString* error = nullptr);
    // Makes this the process message handler (one LogFile at a time); the destructor restores.
    void install();
    void uninstall();

    void write(QtMsgType type, const QMessageLogContext& context, const QString& message);
    QString path() const { return m_options.path; }
    quint64 rotations() const { return m_rotations; }

private:
    static void handler(QtMsgType type, const QMessageLogContext& context, const QString& message);
    void rotate(); // m_mutex held

    Options m_options;
    QFile m_file;
    std::mutex m_mutex;
    quint64 m_rotations = 0;
    QtMessageHandler m_previous = nullptr;
    bool m_installed = false;
};

} // namespace wt
