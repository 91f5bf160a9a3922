package dev.vmodem.net;

/** Ties sockets to one CONNECTED period (session) of a bearer, so they die with it and cannot outlive it. */
record Binding(Bearers bearers, int cid, long session) {

    boolean isOpen() {
        return bearers.isOpen(cid, session);
    }

    void check() throws NetErrorException {
        if (!isOpen()) {
            throw new NetErrorException("bearer " + cid + " is not open (it was closed or dropped)");
        }
    }

    boolean bind(Abortable user) {
        return bearers.bind(cid, session, user);
    }

    void unbind(Abortable user) {
        bearers.unbind(cid, user);
    }
}
