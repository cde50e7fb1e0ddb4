#include "support/SseTestServer.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTimer>

namespace wt::test {

struct SseTestServer::Connection {
    QTcpSocket* socket = nullptr;
    QTimer* timer = nullptr;
    QByteArray inbound;
    bool responded = false;
    QByteArray pending; // what is left to write
    int chunkSize = 0;
    SseReply::End end = SseReply::End::Close;
};

SseReply SseReply::streaming(int count, End end, int chunkSize)
{
    SseReply reply;
    reply.events = count;
    reply.end = end;
    reply.chunkSize = chunkSize;
    return reply;
}

SseReply SseReply::answer(int status, QList<QPair<QByteArray, QByteArray>> headers, QByteArray body)
{
    SseReply reply;
    reply.isStream = false;
    reply.status = status;
    reply.headers = std::move(headers);
    reply.body = std::move(body);
    return reply;
}

SseTestServer::SseTestServer(QObject* parent) : QObject(parent)
{
    m_clock.start();
    m_default = SseReply::answer(204);
    connect(&m_server, &QTcpServer::newConnection, this, &SseTestServer::onNewConnection);
}

SseTestServer::~SseTestServer()
{
    for (Connection* connection : std::as_const(m_connections)) {
        connection->socket->disconnect(this);
        delete connection->socket;
        delete connection;
    }
}

bool SseTestServer::listen()
{
    return m_server.listen(QHostAddress(QHostAddress::LocalHost), 0);
}

quint16 SseTestServer::port() const
{
    return m_server.serverPort();
}

QUrl SseTestServer::url(const QString& path) const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(path));
}

void SseTestServer::setEvents(const QByteArrayList& payloads)
{
    m_payloads = payloads;
}

QByteArray SseTestServer::idOf(int index) const
{
    // Shaped like EventStreams ids: an opaque JSON array, sent back verbatim by clients.
    return R"([{"topic":"eqiad.mediawiki.recentchange","partition":0,"offset":)" +
           QByteArray::number(5553294000LL + index) +
           R"(},{"topic":"codfw.mediawiki.recentchange","partition":0,"offset":-1}])";
}

QByteArray SseTestServer::frame(int index) const
{
    return "event: message\nid: " + idOf(index) + "\ndata: " + m_payloads[index] + "\n\n";
}

void SseTestServer::enqueue(const SseReply& reply)
{
    m_script.push_back(reply);
}

void SseTestServer::setDefaultReply(const SseReply& reply)
{
    m_default = reply;
}

void SseTestServer::onNewConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        auto* connection = new Connection;
        connection->socket = socket;
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_connections << connection;
        m_maxOpen = std::max(m_maxOpen, ++m_open);
        connect(socket, &QTcpSocket::readyRead, this,
                [this, connection] { onReadyRead(connection); });
        connect(socket, &QTcpSocket::disconnected, this, [this, connection] {
            --m_open;
            m_connections.removeOne(connection);
            if (connection->timer)
                connection->timer->stop();
            connection->socket->deleteLater();
            delete connection;
        });
    }
}

void SseTestServer::onReadyRead(Connection* connection)
{
    connection->inbound += connection->socket->readAll();
    if (connection->responded)
        return; // after the request, the client sends nothing we need
    const qsizetype headerEnd = connection->inbound.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    const QList<QByteArray> lines = connection->inbound.left(headerEnd).split('\n');
    SseRequest request;
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    request.path = request.target.left(
        request.target.indexOf('?') < 0 ? request.target.size() : request.target.indexOf('?'));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    request.receivedAtMs = m_clock.elapsed();
    connection->responded = true;
    m_requests << request;
    respond(connection, request);
    emit requestReceived(int(m_requests.size() - 1));
}

void SseTestServer::respond(Connection* connection, const SseRequest& request)
{
    SseReply reply = m_default;
    if (!m_script.empty()) {
        reply = m_script.front();
        m_script.pop_front();
    }
    QByteArray head = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
    for (const auto& [name, value] : std::as_const(reply.headers))
        head += name + ": " + value + "\r\n";
    if (!reply.isStream) {
        head += "Content-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        head += "Connection: close\r\n\r\n";
        connection->pending = head + reply.body;
        connection->end = SseReply::End::Close;
        connection->chunkSize = 0;
        writeNextChunk(connection);
        return;
    }
    head += "Content-Type: " + reply.contentType + "\r\nCache-Control: no-cache\r\n";
    head += "Connection: close\r\n\r\n";

    // Resume after the id the client sent back, like EventStreams does.
    int first = 0;
    if (request.hasHeader("Last-Event-ID")) {
        for (int i = 0; i < eventCount(); ++i) {
            if (idOf(i) == request.header("Last-Event-ID")) {
                first = i + 1;
                break;
            }
        }
    }
    const int last = reply.events < 0 ? eventCount() : std::min(eventCount(), first + reply.events);
    QByteArray body = reply.preamble;
    for (int i = first; i < last; ++i)
        body += frame(i);
    if (reply.end == SseReply::End::DropMidEvent && last < eventCount()) {
        const QByteArray next = frame(last);
        body += next.left(next.size() / 2);
    }
    connection->socket->write(head);
    connection->pending = body;
    connection->chunkSize = reply.chunkSize;
    connection->end = reply.end;
    writeNextChunk(connection);
}

void SseTestServer::writeNextChunk(Connection* connection)
{
    QTcpSocket* socket = connection->socket;
    if (connection->chunkSize <= 0 || connection->pending.size() <= connection->chunkSize) {
        socket->write(connection->pending);
        connection->pending.clear();
        socket->flush();
        finishWriting(connection);
        return;
    }
    socket->write(connection->pending.left(connection->chunkSize));
    connection->pending.remove(0, connection->chunkSize);
    socket->flush();
    if (!connection->timer) {
        connection->timer = new QTimer(socket);
        connection->timer->setSingleShot(true);
        connect(connection->timer, &QTimer::timeout, this,
                [this, connection] { writeNextChunk(connection); });
    }
    connection->timer->start(0); // one chunk per event-loop turn, so reads really come split
}

void SseTestServer::finishWriting(Connection* connection)
{
    if (connection->end != SseReply::End::Stall)
        connection->socket->disconnectFromHost();
}

} // namespace wt::test
