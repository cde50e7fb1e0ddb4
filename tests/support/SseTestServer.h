#pragma once
// A scripted EventStreams look-alike for tests: a real QTcpServer on 127.0.0.1 (any free port)
// that records every request and answers each new connection with the next scripted reply.
// Lives on the thread that creates it (the test's main thread).

#include <QByteArrayList>
#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPair>
#include <QTcpServer>
#include <QUrl>
#include <deque>

class QTcpSocket;
class QTimer;

namespace wt::test {

struct SseRequest {
    QByteArray method;
    QByteArray target;                    // path and query as sent
    QByteArray path;                      // target without the query
    QMap<QByteArray, QByteArray> headers; // names lower-cased
    qint64 receivedAtMs = 0;              // since the server was created
    QByteArray header(const QByteArray& name) const { return headers.value(name.toLower()); }
    bool hasHeader(const QByteArray& name) const { return headers.contains(name.toLower()); }
};

struct SseReply {
    enum class End {
        Close,        // after the events: close the connection cleanly
        DropMidEvent, // after the events: send half of the next event, then close
        Stall,        // after the events: send nothing more, keep the connection open
    };
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers (Location, Retry-After, ...)
    QByteArray body;                              // for non-stream answers
    bool isStream = true;                         // status 200 with events
    QByteArray contentType = "text/event-stream; charset=utf-8";
    QByteArray preamble = ":ok\n\n"; // sent before the first event (comments, retry:)
    int events = -1;                 // how many events to send; -1: all that remain
    End end = End::Close;
    int chunkSize = 0; // 0: all at once; n: n bytes per write, one write per event-loop turn

    static SseReply streaming(int count, End end, int chunkSize = 0);
    static SseReply answer(int status, QList<QPair<QByteArray, QByteArray>> headers = {},
                           QByteArray body = {});
};

class SseTestServer : public QObject {
    Q_OBJECT
public:
    explicit SseTestServer(QObject* parent = nullptr);
    ~SseTestServer() override;

    bool listen(); // 127.0.0.1, port chosen by the system
    QUrl url(const QString& path = QStringLiteral("/v2/stream/recentchange")) const;
    quint16 port() const;

    // The events served; each gets an EventStreams-like id (a JSON array), see idOf().
    void setEvents(const QByteArrayList& payloads);
    QByteArray idOf(int index) const;
    int eventCount() const { return int(m_payloads.size()); }

    void enqueue(const SseReply& reply);         // answers the next connections in order
    void setDefaultReply(const SseReply& reply); // once the queue is empty

    const QList<SseRequest>& requests() const { return m_requests; }
    int openConnections() const { return m_open; }
    int maxOpenConnections() const { return m_maxOpen; }

signals:
    void requestReceived(int index);

private:
    struct Connection;
    void onNewConnection();
    void onReadyRead(Connection* connection);
    void respond(Connection* connection, const SseRequest& request);
    void writeNextChunk(Connection* connection);
    void finishWriting(Connection* connection);
    QByteArray frame(int index) const;

    QTcpServer m_server;
    QElapsedTimer m_clock;
    QByteArrayList m_payloads;
    std::deque<SseReply> m_script;
    SseReply m_default;
    QList<SseRequest> m_requests;
    QList<Connection*> m_connections;
    int m_open = 0;
    int m_maxOpen = 0;
};

} // namespace wt::test
