# The chaincode server (chaincode-as-a-service) of one organisation: the shaded jar whose main is
# the shim's ContractRouter, listening where CHAINCODE_SERVER_ADDRESS says. Build context: the
# chaincode module's target/ directory (./mvnw -B -pl chaincode -am package -DskipTests first).
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 chaincode && useradd --system --uid 10001 --gid chaincode chaincode
COPY chaincode.jar /opt/battery/chaincode.jar
USER chaincode
# An explicit heap: the default one grows the process past 1 GB on a large host.
ENV JAVA_TOOL_OPTIONS="-Xmx256m -XX:+UseSerialGC"
ENTRYPOINT ["java", "-jar", "/opt/battery/chaincode.jar"]
