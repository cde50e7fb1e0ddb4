#pragma once
// Turns SIGINT and SIGTERM into a Qt signal on the thread that created it (the main thread),
// through a self-pipe, so a headless run can print its final line before it exits.
// One instance per process.

#include <QObject>

class QSocketNotifier;

namespace wt::pipeline {

class ShutdownSignals : public QObject {
    Q_OBJECT
public:
    explicit ShutdownSignals(QObject* parent = nullptr);
    ~ShutdownSignals() override;

signals:
    void received(int signalNumber);

private:
    void onReadable();

    QSocketNotifier* m_notifier = nullptr;
};

} // namespace wt::pipeline
