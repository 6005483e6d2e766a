package dev.weft.runtime.internal;

/** A runtime worker's platform thread; its type is how code finds "the current worker" cheaply. */
public final class WorkerThread extends Thread {
    private final RuntimeCore core;
    private final Driver driver;
    final Worker worker;

    WorkerThread(RuntimeCore core, Worker worker, Driver driver, String name, Runnable body) {
        super(null, body, name);
        this.core = core;
        this.worker = worker;
        this.driver = driver;
        setDaemon(true);
    }

    public RuntimeCore core() {
        return core;
    }

    Driver driver() {
        return driver;
    }
}
