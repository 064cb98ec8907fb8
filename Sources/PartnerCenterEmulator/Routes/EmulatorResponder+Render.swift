import EmulatorCore
import Foundation
import HTTPTypes
import Hummingbird
import PartnerCenterModels

extension EmulatorResponder {
    /// Builds the HTTP response: documented headers, the JSON body (damaged when a fault says so)
    /// and, with the slow-body fault, a body written in delayed chunks.
    func render(_ reply: EmulatorReply, request: Request, kind: EmulatorRoute.Kind, plan: FaultPlan) -> Response {
        var headers = HTTPFields()
        for (name, value) in EmulatorRouter.headers(of: reply, kind: kind, requestHeader: { Self.header(request, $0) }) {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        guard let json = reply.body else {
            return Response(status: reply.status, headers: headers)
        }
        headers[.contentType] = "application/json; charset=utf-8"
        let bytes = plan.damaged([UInt8](json.canonicalData()), status: Int(reply.status.code))
        let buffer = ByteBuffer(bytes: bytes)
        guard let delay = plan.slowBodyChunkDelay else {
            return Response(status: reply.status, headers: headers, body: .init(byteBuffer: buffer))
        }
        let chunkSize = plan.slowBodyChunkSize
        let bytesToSend = bytes
        let body = ResponseBody(contentLength: bytes.count) { writer in
            let bytes = bytesToSend
            var offset = 0
            while offset < bytes.count {
                let end = min(offset + chunkSize, bytes.count)
                try await writer.write(ByteBuffer(bytes: bytes[offset..<end]))
                offset = end
                if offset < bytes.count { try await Task.sleep(for: delay) }
            }
            try await writer.finish(nil)
        }
        return Response(status: reply.status, headers: headers, body: body)
    }

    static func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }
}
