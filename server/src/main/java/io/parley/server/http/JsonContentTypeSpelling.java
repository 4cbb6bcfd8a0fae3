package io.parley.server.http;

import io.parley.protocol.UcwaJson;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * COMPAT: JSON answers say exactly {@code application/json; charset=utf-8} (tolerances, "Responses"). The
 * servlet layer normalizes that to {@code application/json;charset=utf-8}; this wrapper restores the space
 * as the header is written.
 */
final class JsonContentTypeSpelling extends Handler.Wrapper {
    private static final HttpField EXACT = new HttpField(HttpHeader.CONTENT_TYPE, UcwaJson.CONTENT_TYPE);

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable headers = new HttpFields.Mutable.Wrapper(response.getHeaders()) {
            @Override
            public HttpField onAddField(HttpField field) {
                return respell(field);
            }

            @Override
            public HttpField onReplaceField(HttpField oldField, HttpField newField) {
                return respell(newField);
            }
        };
        Response respelled = new Response.Wrapper(request, response) {
            @Override
            public HttpFields.Mutable getHeaders() {
                return headers;
            }
        };
        return super.handle(request, respelled, callback);
    }

    private static HttpField respell(HttpField field) {
        if (field.getHeader() == HttpHeader.CONTENT_TYPE
                && field.getValue().replace(" ", "").equalsIgnoreCase("application/json;charset=utf-8")) {
            return EXACT;
        }
        return field;
    }
}
